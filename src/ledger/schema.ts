import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { toIsoDate } from '../shared/dates.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import type { Money } from '../shared/money.ts';
import { currencySchema as sharedCurrencySchema, monthFormat, plainDateSchema, text } from '../shared/validation/field-schemas.ts';
import { ACCOUNT_TYPES, SIDES, type LedgerAccountType, type PeriodStatus, type Side } from './tables.ts';

/** Largest value of a SQL bigint: a line amount beyond it could not be stored. */
export const MAX_AMOUNT_MINOR = 2n ** 63n - 1n;

// Field schemas. Each normalizes its own value, so a service re-parsing what a route parsed gets
// the same result, and each failure names its field (never a 500 from a CHECK constraint). The
// common ones come from shared/validation; the ledger keeps its own shorter currency description.
export const currencySchema = sharedCurrencySchema.describe('ISO 4217 code, e.g. EUR');
export const accountCodeSchema = z.string().trim().regex(/^[0-9]{3,10}$/, 'a ledger account code is 3–10 digits, e.g. 1100');
export const periodSchema = z.string().check(monthFormat('a period is a month as YYYY-MM')).describe('Month, YYYY-MM');
export const dateTextSchema = plainDateSchema;
/** Services take a Temporal.PlainDate or its YYYY-MM-DD text and carry the text on. */
export const dateSchema = z.union([z.instanceof(Temporal.PlainDate).transform(toIsoDate), z.string()]).pipe(dateTextSchema);
export const amountMinorSchema = z.bigint()
  .refine((value) => value > 0n, { message: 'must be greater than zero; a line is a debit or a credit, never negative' })
  .refine((value) => value <= MAX_AMOUNT_MINOR, { message: 'is larger than a bigint can hold' });
export const moneySchema = z.object({ amountMinor: amountMinorSchema, currency: currencySchema }).strict();
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_\-:.]{1,255}$/, '1–255 letters, digits or _-:.');
export const sourceSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, 'snake_case, e.g. invoice'),
  id: text(200),
}).strict();
export const refsSchema = z.object({ accountId: text(100), subscriptionId: text(100), invoiceId: text(100) }).partial().strict();

/** A line schema over a Money schema: the service takes Money (bigint), the route JSON money. */
export function lineSchemaWith(money: z.ZodType<Money>) {
  return z.object({
    accountCode: accountCodeSchema,
    debit: money.optional(),
    credit: money.optional(),
    memo: text(500).nullable().optional(),
    refs: refsSchema.optional(),
  }).strict().superRefine((line, ctx) => {
    if ((line.debit === undefined) === (line.credit === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['debit'], message: 'give exactly one of debit or credit' });
    }
  });
}

export function postEntrySchemaWith(money: z.ZodType<Money>, date: z.ZodType<string>) {
  return z.object({
    entryDate: date,
    description: text(500),
    source: sourceSchema.nullable().optional(),
    idempotencyKey: idempotencyKeySchema.nullable().optional(),
    // A refinement, not .min(2): zod 4 runs a length check on any value with a length, so text
    // would also get "at least two lines" beside "expected a list of journal lines".
    lines: z.array(lineSchemaWith(money), { error: 'expected a list of journal lines' })
      .refine((lines) => lines.length >= 2, 'an entry has at least two lines')
      .refine((lines) => lines.length <= 500, 'an entry has at most 500 lines'),
  }).strict();
}
export const postJournalEntrySchema = postEntrySchemaWith(moneySchema, dateSchema);

export type LineRefs = { accountId?: string; subscriptionId?: string; invoiceId?: string };
export type JournalLineInput = { accountCode: string; debit?: Money; credit?: Money; memo?: string | null; refs?: LineRefs };
/** What the billing engine passes to postJournalEntry (docs/ledger.md has the posting rules). */
export type PostJournalEntryInput = {
  entryDate: Temporal.PlainDate | string;
  description: string;
  source?: { type: string; id: string } | null;
  idempotencyKey?: string | null;
  lines: JournalLineInput[];
};
export type ParsedEntry = z.output<typeof postJournalEntrySchema>;

export const reverseSchemaWith = (date: z.ZodType<string>) =>
  z.object({ entryDate: date.optional(), reason: text(500) }).strict();
export const reverseJournalEntrySchema = reverseSchemaWith(dateSchema);
export type ReverseJournalEntryInput = { entryDate?: Temporal.PlainDate | string; reason: string };

export const trialBalanceSchema = z.object({ asOfDate: dateSchema, currency: currencySchema.optional() }).strict();
export type TrialBalanceInput = { asOfDate: Temporal.PlainDate | string; currency?: string };
export const accountBalanceSchema = z.object({ asOfDate: dateSchema, currency: currencySchema }).strict();
export type AccountBalanceInput = { asOfDate: Temporal.PlainDate | string; currency: string };

/** Strict: a misspelt filter must fail, not silently list everything. Dates are half-open [start, end). */
export const listEntriesQuerySchema = pageQuerySchema.extend({
  startDate: dateTextSchema.optional().describe('first entry date included'),
  endDate: dateTextSchema.optional().describe('first entry date no longer included (half-open range)'),
  accountCode: accountCodeSchema.optional(),
  accountId: text(100).optional().describe('customer account referenced by a line'),
  sourceType: sourceSchema.shape.type.optional(),
  sourceId: text(200).optional(),
  order: z.enum(['asc', 'desc']).default('desc').describe('by entry date, then id'),
}).strict();
export type ListEntriesQuery = z.input<typeof listEntriesQuerySchema>;

export const createLedgerAccountSchema = z.object({
  code: accountCodeSchema,
  name: text(200),
  type: z.enum(ACCOUNT_TYPES),
  normalSide: z.enum(SIDES).optional().describe('default: debit for assets and expenses, credit otherwise'),
}).strict();
export type CreateLedgerAccountInput = z.input<typeof createLedgerAccountSchema>;

export const closePeriodSchema = z.object({ reason: text(500).optional() }).strict();
export const reopenPeriodSchema = z.object({ reason: text(500) }).strict();

export type LedgerAccount = {
  code: string; name: string; type: LedgerAccountType; normalSide: Side; active: boolean; createdAt: string; updatedAt: string;
};
export type JournalLine = {
  lineNumber: number;
  accountCode: string;
  debit: Money | null;
  credit: Money | null;
  memo: string | null;
  refs: { accountId: string | null; subscriptionId: string | null; invoiceId: string | null };
};
export type JournalEntry = {
  id: string;
  number: string;
  entryDate: string;
  description: string;
  source: { type: string; id: string } | null;
  idempotencyKey: string | null;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  postedAt: string;
  postedBy: string;
  lines: JournalLine[];
};
export type LedgerPeriod = {
  period: string; status: PeriodStatus; closedAt: string | null; closedBy: string | null; reason: string | null; updatedAt: string;
};
export type BalanceRow = {
  accountCode: string; accountName: string; accountType: LedgerAccountType; normalSide: Side;
  currency: string; debit: Money; credit: Money;
  /** debit − credit for debit-normal accounts, credit − debit otherwise: positive is the usual side. */
  balance: Money;
};
export type TrialBalance = {
  asOfDate: string;
  currency: string | null;
  rows: BalanceRow[];
  totals: Array<{ currency: string; debit: Money; credit: Money }>;
};
export type AccountBalance = { accountCode: string; asOfDate: string; currency: string; debit: Money; credit: Money; balance: Money };
