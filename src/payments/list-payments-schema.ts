import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES, type Payment } from '../billing/index.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { currencySchema, plainDateSchema, recordId } from '../shared/validation/field-schemas.ts';

const booleanQuery = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

/** Strict: a misspelt filter (?customer=…) must fail, not silently list every payment. */
export const listPaymentsQuerySchema = pageQuerySchema
  .extend({
    accountId: recordId.optional().describe('The customer'),
    status: z.enum(PAYMENT_STATUSES).optional(),
    method: z.enum(PAYMENT_METHODS).optional(),
    currency: currencySchema.optional(),
    receivedDateFrom: plainDateSchema.optional().describe('Received on or after this day (inclusive)'),
    receivedDateBefore: plainDateSchema.optional().describe('Received before this day (exclusive: a month is receivedDateFrom=2026-01-01&receivedDateBefore=2026-02-01)'),
    unapplied: booleanQuery.optional()
      .describe('true: money left to apply on the payment (amount − applied − refunded/charged back > 0); false: none left'),
    search: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional()
      .describe('Part of the payment reference or of the customer\'s name, any case'),
  })
  .strict()
  .superRefine((query, context) => {
    // An empty range is a mistake in the filter, not a question with the answer "none".
    if (query.receivedDateFrom !== undefined && query.receivedDateBefore !== undefined && query.receivedDateBefore <= query.receivedDateFrom) {
      context.addIssue({ code: 'custom', path: ['receivedDateBefore'], message: `must be after receivedDateFrom (${query.receivedDateFrom}); the range is half-open` });
    }
  });
export type ListPaymentsQuery = z.input<typeof listPaymentsQuerySchema>;
export type PaymentFilter = Omit<z.output<typeof listPaymentsQuerySchema>, 'limit' | 'cursor'>;

/** A payment as finance lists it: billing's record, the day it was received and what is left of it (as getPaymentDetail counts it). */
export type PaymentListItem = Payment & { receivedDate: string; appliedMinor: bigint; unappliedMinor: bigint };
export type PaymentListPage = { data: PaymentListItem[]; nextCursor: string | null };
