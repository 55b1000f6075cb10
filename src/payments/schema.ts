import { z } from 'zod';
import { PAYMENT_METHODS, type Payment } from '../billing/index.ts';
import { currencySchema, plainDateSchema, recordId, text } from '../shared/validation/field-schemas.ts';
import type { ReversalKind } from './tables.ts';

// 18 digits keeps every value inside SQL bigint; strings carry amounts beyond 2^53 exactly. Each
// failure says what is wrong in words: zod's own texts ("Invalid input", "Too big") name no rule.
const WHOLE_MINOR = 'must be a whole number of minor units (cents): an integer, or a string of digits beyond 2^53';
const integerText = z.string().regex(/^-?\d{1,18}$/, WHOLE_MINOR);
const safeInteger = z.number().refine(Number.isSafeInteger, WHOLE_MINOR);
export const positiveMinorSchema = z
  .union([z.bigint(), safeInteger, integerText], { error: WHOLE_MINOR })
  .transform((value) => BigInt(value))
  .refine((value) => value > 0n, { message: 'must be greater than zero' })
  .refine((value) => value < 10n ** 18n, { message: 'must be less than 10^18 minor units' })
  .describe('Integer amount in minor units (cents), as a number or a string of digits');

export const moneyInputSchema = z.strictObject({ amountMinor: positiveMinorSchema, currency: currencySchema });

export const allocationInputSchema = z.strictObject({ invoiceId: recordId, amountMinor: positiveMinorSchema });
const allocationsSchema = z.array(allocationInputSchema, { error: 'expected a list of allocations' })
  .min(1, 'give at least one allocation, or leave allocations out to apply the payment automatically')
  .max(500, 'at most 500 allocations')
  .describe('Explicit cash application: which invoices this payment pays and how much; the rest stays as customer credit');

export const recordPaymentSchema = z.strictObject({
  accountId: recordId,
  amount: moneyInputSchema,
  receivedDate: plainDateSchema.describe('The day the money arrived (YYYY-MM-DD): today or earlier'),
  method: z.enum(PAYMENT_METHODS).default('bank_transfer'),
  reference: text(200).nullable().default(null).describe('Bank or processor reference; an invoice number in it is paid first'),
  allocations: allocationsSchema.optional(),
  autoApply: z.boolean().default(true).describe('Without allocations: pay invoices named in the reference, else the oldest open ones'),
});
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;
export type ParsedRecordPayment = z.output<typeof recordPaymentSchema>;

export const applyPaymentBodySchema = z.strictObject({
  allocations: allocationsSchema.optional().describe('Absent: the oldest open invoices of the account in the payment currency'),
  date: plainDateSchema.optional().describe('Effective date; default today'),
});
export type ApplyPaymentInput = z.input<typeof applyPaymentBodySchema> & { paymentId: string };

export const unapplyPaymentBodySchema = z.strictObject({
  invoiceId: recordId,
  amountMinor: positiveMinorSchema.optional().describe('Default: everything this payment paid on the invoice'),
  date: plainDateSchema.optional(),
  reason: text(500).nullable().default(null),
});
export type UnapplyPaymentInput = z.input<typeof unapplyPaymentBodySchema> & { paymentId: string };

export const refundPaymentBodySchema = z.strictObject({
  amountMinor: positiveMinorSchema.optional().describe('Default: all unapplied credit of the payment'),
  date: plainDateSchema.optional(),
  reason: text(500).nullable().default(null),
});
export type RefundPaymentInput = z.input<typeof refundPaymentBodySchema> & { paymentId: string };

export const chargebackBodySchema = z.strictObject({
  date: plainDateSchema.optional(),
  reason: text(500).nullable().default(null),
});
export type ChargebackInput = z.input<typeof chargebackBodySchema> & { paymentId: string };

export const applyCreditBodySchema = z.strictObject({
  accountId: recordId,
  currency: currencySchema,
  date: plainDateSchema.optional(),
});
export type ApplyCustomerCreditInput = z.input<typeof applyCreditBodySchema>;

export type Reversal = { id: string; kind: ReversalKind; amountMinor: bigint; currency: string; date: string; reason: string | null; journalEntryId: string };

/** A payment as the payments domain shows it: billing's record plus what is left of it. */
export type PaymentDetail = Payment & {
  receivedDate: string;
  appliedMinor: bigint;
  unappliedMinor: bigint;
  reversals: Reversal[];
  journalEntryId: string | null;
};

export type CustomerCredit = { accountId: string; currency: string; amountMinor: bigint };
