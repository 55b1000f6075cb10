import { z } from 'zod';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import {
  currencySchema, decimalTextSchema, externalIdSchema, instantSchema, minorAmountSchema, nonNegativeMinorSchema, plainDateSchema,
  recordIdSchema, sourceSystemSchema, text,
} from './fields.ts';
import { INVOICE_STATUSES, type InvoiceStatus } from './tables.ts';

const optionalDate = plainDateSchema.nullable().default(null);

const importLineSchema = z.strictObject({
  description: text(1000),
  quantity: z.union([z.int().min(0).transform(String), decimalTextSchema]).describe('Exact, may be fractional (usage)'),
  unitAmountMinor: minorAmountSchema.nullable().default(null),
  amountMinor: minorAmountSchema,
  periodStartDate: optionalDate,
  periodEndDate: optionalDate.describe('Exclusive'),
});

/**
 * An invoice from another billing system. It arrives issued (or already paid or void) with its
 * own number and amounts, which Revline stores as they are: total = subtotal − discount + tax is
 * checked, never recomputed. Lines are optional; when given they must add up to the subtotal.
 */
export const importInvoiceSchema = z.strictObject({
  sourceSystem: sourceSystemSchema,
  externalId: externalIdSchema,
  accountId: recordIdSchema,
  subscriptionExternalId: externalIdSchema.nullable().default(null).describe('The subscription imported from the same source'),
  number: text(100),
  status: z.enum(['issued', 'paid', 'void']).default('issued'),
  currency: currencySchema,
  issueDate: plainDateSchema,
  dueDate: optionalDate,
  periodStartDate: optionalDate,
  periodEndDate: optionalDate.describe('Exclusive'),
  subtotalMinor: minorAmountSchema,
  discountMinor: nonNegativeMinorSchema.default(0n),
  taxMinor: nonNegativeMinorSchema.default(0n),
  totalMinor: nonNegativeMinorSchema.optional().describe('Checked against subtotal − discount + tax when given'),
  amountPaidMinor: nonNegativeMinorSchema.optional().describe('Default: the total when paid, else 0'),
  amountDueMinor: nonNegativeMinorSchema.optional().describe('Still to be paid. Default: total − paid when issued, else 0'),
  issuedAt: instantSchema.nullable().default(null),
  paidAt: instantSchema.nullable().default(null),
  voidedAt: instantSchema.nullable().default(null),
  lines: z.array(importLineSchema).max(1000).optional().describe('Absent: lines unknown, kept as they are'),
});
export type ImportInvoiceInput = z.input<typeof importInvoiceSchema>;
export type ParsedInvoiceImport = z.output<typeof importInvoiceSchema>;

export const listInvoicesQuerySchema = pageQuerySchema
  .extend({
    accountId: recordIdSchema.optional(),
    subscriptionId: recordIdSchema.optional(),
    status: z.enum(INVOICE_STATUSES).optional(),
    currency: currencySchema.optional(),
    overdue: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional()
      .describe('true: issued, something due, due date before today; false: the others'),
    issueDateFrom: plainDateSchema.optional().describe('Issued on or after this day (drafts have no issue date and are left out)'),
    issueDateBefore: plainDateSchema.optional().describe('Issued before this day (exclusive: a month is issueDateFrom=2026-01-01&issueDateBefore=2026-02-01)'),
    search: z.string().trim().min(1).max(100).optional().describe('Part of the invoice number or of the customer\'s name, any case'),
  })
  .strict()
  .refine((query) => query.issueDateFrom === undefined || query.issueDateBefore === undefined || query.issueDateFrom < query.issueDateBefore, {
    path: ['issueDateBefore'], message: 'must be after issueDateFrom',
  });
export type ListInvoicesQuery = z.input<typeof listInvoicesQuerySchema>;

export type Invoice = {
  id: string;
  accountId: string;
  subscriptionId: string | null;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  periodStartDate: string | null;
  periodEndDate: string | null;
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  amountPaidMinor: bigint;
  amountDueMinor: bigint;
  sourceSystem: string | null;
  externalId: string | null;
  issuedAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type InvoiceLine = {
  lineNumber: number;
  description: string;
  quantity: string;
  unitAmountMinor: bigint | null;
  /** A usage unit price below one minor unit, exact ('0.0004'); null for whole-minor-unit prices. */
  unitAmountDecimal: string | null;
  amountMinor: bigint;
  periodStartDate: string | null;
  periodEndDate: string | null;
  subscriptionItemId: string | null;
};

export type InvoiceDetail = Invoice & { lines: InvoiceLine[] };
export type InvoicePage = { data: Invoice[]; nextCursor: string | null };
