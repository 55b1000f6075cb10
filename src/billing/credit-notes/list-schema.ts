import { z } from 'zod';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { currencySchema, plainDateSchema, recordIdSchema } from '../fields.ts';
import type { CreditNoteReason } from '../invoicing/credit-note-reason.ts';

export const CREDIT_NOTE_KINDS = ['void', 'adjustment'] as const;
export type CreditNoteKind = (typeof CREDIT_NOTE_KINDS)[number];

const booleanQuery = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Strict: a misspelt filter (?customer=…) must fail, not silently list every credit note. */
export const listCreditNotesQuerySchema = pageQuerySchema
  .extend({
    accountId: recordIdSchema.optional().describe('The customer'),
    invoiceId: recordIdSchema.optional().describe('Credit notes that correct this invoice (a void) or were applied to it'),
    currency: currencySchema.optional(),
    kind: z.enum(CREDIT_NOTE_KINDS).optional().describe('void: an invoice voided in full; adjustment: a net credit after a subscription change (unused time)'),
    issueDateFrom: plainDateSchema.optional().describe('Issued on or after (inclusive)'),
    issueDateBefore: plainDateSchema.optional().describe('Issued before (exclusive)'),
    open: booleanQuery.optional().describe('true: credit left to apply or refund (remaining > 0); false: none left'),
    order: z.enum(['asc', 'desc']).default('desc').describe('By issue date, then number: desc (default) newest first, asc oldest first'),
  })
  .strict()
  .superRefine((query, context) => {
    // An empty range is a mistake in the filter, not a question with the answer "none".
    if (query.issueDateFrom !== undefined && query.issueDateBefore !== undefined && query.issueDateBefore <= query.issueDateFrom) {
      context.addIssue({ code: 'custom', path: ['issueDateBefore'], message: `must be after issueDateFrom (${query.issueDateFrom}); the range is half-open` });
    }
  });
export type ListCreditNotesQuery = z.input<typeof listCreditNotesQuerySchema>;
export type CreditNoteFilter = Omit<z.output<typeof listCreditNotesQuerySchema>, 'limit' | 'cursor' | 'order'>;

/**
 * A credit note as finance lists it. Amounts are the credit, positive, in minor units of `currency`
 * (the document itself is stored on the invoice's scale, negative). applied + refunded + remaining = total.
 */
export type CreditNoteSummary = {
  id: string;
  number: string;
  kind: CreditNoteKind;
  accountId: string;
  /** The customer's name as the credit note was issued to it (the account's name today for older credit notes). */
  accountName: string;
  subscriptionId: string | null;
  /** The invoice it corrects (a void's); null for an adjustment, which is applied to invoices later. */
  invoiceId: string | null;
  invoiceNumber: string | null;
  currency: string;
  issueDate: string;
  netMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  /** Settled on invoices: a void credits its invoice in full when issued; an adjustment, what it was applied (net of unapplications). */
  appliedMinor: bigint;
  refundedMinor: bigint;
  remainingMinor: bigint;
  /** English, as stored; `reasonParts` to word it. */
  reason: string;
  reasonParts: CreditNoteReason;
};
export type CreditNotePage = { data: CreditNoteSummary[]; nextCursor: string | null };
