import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../shared/context.ts';
import type { SharedTables, Timestamp } from '../../shared/db/tables.ts';
import type { CrmTables } from '../../crm/index.ts';

// Mirrors migrations/202612070602_create_payment_terms.ts.
export const PAYMENT_TERMS_KINDS = ['net', 'due_on_receipt', 'end_of_month'] as const;
export type PaymentTermsKind = (typeof PAYMENT_TERMS_KINDS)[number];

/** net N: issue + N days; due_on_receipt: the issue date; end_of_month N: last day of the issue month + N days. */
export type PaymentTerms = { kind: PaymentTermsKind; days: number };

/** The rule before payment terms existed, still the default until one is set. */
export const BUILT_IN_PAYMENT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

export const paymentTermsSchema = z.strictObject({
  kind: z.enum(PAYMENT_TERMS_KINDS).describe('net: N days after issue; due_on_receipt: on the issue date; end_of_month: N days after the end of the issue month'),
  days: z.int().min(0).max(365).default(0).describe('N; 0 for due_on_receipt'),
}).refine((terms) => terms.kind !== 'due_on_receipt' || terms.days === 0, { message: 'due_on_receipt has no days (0)', path: ['days'] });
export type PaymentTermsInput = z.input<typeof paymentTermsSchema>;

export type PaymentTermsRowColumns = { kind: PaymentTermsKind; days: number; updated_at: Timestamp };
export type PaymentTermsTables = {
  billing_payment_terms_default: PaymentTermsRowColumns & { id: boolean };
  account_payment_terms: PaymentTermsRowColumns & { account_id: string };
};

export function termsDb(ctx: Ctx): Kysely<SharedTables & CrmTables & PaymentTermsTables> {
  return ctx.db.withTables<CrmTables & PaymentTermsTables>();
}

/** "net 30", "due on receipt", "end of month + 10". */
export function describePaymentTerms(terms: PaymentTerms): string {
  if (terms.kind === 'due_on_receipt') return 'due on receipt';
  if (terms.kind === 'net') return `net ${terms.days}`;
  return terms.days === 0 ? 'end of month' : `end of month + ${terms.days}`;
}
