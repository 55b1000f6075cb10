import { z } from 'zod';
import { pageSchema } from '../shared/http/pagination.ts';
import { moneyFromJson, moneyToJson, type Money } from '../shared/money.ts';
import {
  currencySchema, dateTextSchema, moneySchema, postEntrySchemaWith, reverseSchemaWith,
  type AccountBalance, type JournalEntry, type TrialBalance,
} from './schema.ts';
import { ACCOUNT_TYPES, SIDES } from './tables.ts';

// JSON shapes of the ledger API: Money travels as { amountMinor, currency } (STYLE.md "Money"),
// amountMinor a number while exactly representable, otherwise a decimal string.

// What is wrong, in words (zod alone says "Invalid input" or "Too big: expected int to be <=9007199254740991").
// A negative number passes here and is refused by moneySchema's "must be greater than zero".
const WHOLE_MINOR = 'must be a whole number of minor units (cents): an integer, or a string of digits beyond 2^53';
const amountJson = z.union([
  z.number().refine(Number.isSafeInteger, WHOLE_MINOR),
  z.string().regex(/^[0-9]{1,19}$/, WHOLE_MINOR),
], { error: WHOLE_MINOR });
/** Request money: parsed with moneyFromJson, then checked like service input (positive, fits a bigint). */
export const moneyBodySchema = z
  .object({ amountMinor: amountJson, currency: currencySchema })
  .strict()
  .transform((json) => moneyFromJson(json))
  .pipe(moneySchema);
export const postEntryBodySchema = postEntrySchemaWith(moneyBodySchema, dateTextSchema);
export const reverseBodySchema = reverseSchemaWith(dateTextSchema);

export const moneyJsonSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });
const refsJson = z.object({ accountId: z.string().nullable(), subscriptionId: z.string().nullable(), invoiceId: z.string().nullable() });

export const journalEntryJsonSchema = z.object({
  id: z.string(),
  number: z.string(),
  entryDate: z.string(),
  description: z.string(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  idempotencyKey: z.string().nullable(),
  reversesEntryId: z.string().nullable(),
  reversedByEntryId: z.string().nullable(),
  postedAt: z.string(),
  postedBy: z.string(),
  lines: z.array(z.object({
    lineNumber: z.number().int(),
    accountCode: z.string(),
    debit: moneyJsonSchema.nullable(),
    credit: moneyJsonSchema.nullable(),
    memo: z.string().nullable(),
    refs: refsJson,
  })),
});
export const journalEntryPageJsonSchema = pageSchema(journalEntryJsonSchema);

export const ledgerAccountJsonSchema = z.object({
  code: z.string(), name: z.string(), type: z.enum(ACCOUNT_TYPES), normalSide: z.enum(SIDES), active: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const ledgerPeriodJsonSchema = z.object({
  period: z.string(), status: z.enum(['open', 'closed']), closedAt: z.string().nullable(), closedBy: z.string().nullable(),
  reason: z.string().nullable(), updatedAt: z.string(),
});

export const trialBalanceQuerySchema = z.object({ asOf: dateTextSchema, currency: currencySchema.optional() }).strict();
export const accountBalanceQuerySchema = z.object({ asOf: dateTextSchema, currency: currencySchema }).strict();
const balanceJson = { debit: moneyJsonSchema, credit: moneyJsonSchema, balance: moneyJsonSchema.describe('positive on the account’s normal side') };
export const trialBalanceJsonSchema = z.object({
  asOfDate: z.string(),
  currency: z.string().nullable(),
  rows: z.array(z.object({
    accountCode: z.string(), accountName: z.string(), accountType: z.enum(ACCOUNT_TYPES), normalSide: z.enum(SIDES), currency: z.string(),
    ...balanceJson,
  })),
  totals: z.array(z.object({ currency: z.string(), debit: moneyJsonSchema, credit: moneyJsonSchema })),
});
export const accountBalanceJsonSchema = z.object({ accountCode: z.string(), asOfDate: z.string(), currency: z.string(), ...balanceJson });

const moneyOrNull = (m: Money | null) => (m === null ? null : moneyToJson(m));

export function entryToJson(entry: JournalEntry): z.infer<typeof journalEntryJsonSchema> {
  return { ...entry, lines: entry.lines.map((line) => ({ ...line, debit: moneyOrNull(line.debit), credit: moneyOrNull(line.credit) })) };
}

export function trialBalanceToJson(report: TrialBalance): z.infer<typeof trialBalanceJsonSchema> {
  return {
    ...report,
    rows: report.rows.map((row) => ({ ...row, debit: moneyToJson(row.debit), credit: moneyToJson(row.credit), balance: moneyToJson(row.balance) })),
    totals: report.totals.map((t) => ({ currency: t.currency, debit: moneyToJson(t.debit), credit: moneyToJson(t.credit) })),
  };
}

export function accountBalanceToJson(balance: AccountBalance): z.infer<typeof accountBalanceJsonSchema> {
  return { ...balance, debit: moneyToJson(balance.debit), credit: moneyToJson(balance.credit), balance: moneyToJson(balance.balance) };
}
