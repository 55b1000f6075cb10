import { z } from 'zod';
import { currencySchema, externalIdSchema, instantSchema, positiveMinorSchema, recordIdSchema, sourceSystemSchema, text } from './fields.ts';
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus } from './tables.ts';

/** A payment from another billing system, applied to invoices imported from the same system. */
export const importPaymentSchema = z.strictObject({
  sourceSystem: sourceSystemSchema,
  externalId: externalIdSchema,
  accountId: recordIdSchema,
  amountMinor: positiveMinorSchema,
  currency: currencySchema,
  receivedAt: instantSchema,
  method: z.enum(PAYMENT_METHODS).default('other'),
  reference: text(200).nullable().default(null),
  status: z.enum(PAYMENT_STATUSES).default('succeeded'),
  allocations: z
    .array(z.strictObject({ invoiceExternalId: externalIdSchema, amountMinor: positiveMinorSchema }))
    .max(1000)
    .default([])
    .describe('Replaces the payment’s allocations; together at most the payment amount'),
});
export type ImportPaymentInput = z.input<typeof importPaymentSchema>;
export type ParsedPaymentImport = z.output<typeof importPaymentSchema>;

export type PaymentAllocation = { invoiceId: string; amountMinor: bigint };

export type Payment = {
  id: string;
  accountId: string;
  amountMinor: bigint;
  currency: string;
  receivedAt: string;
  method: PaymentMethod;
  reference: string | null;
  status: PaymentStatus;
  sourceSystem: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Ordered by invoice id. */
  allocations: PaymentAllocation[];
};
