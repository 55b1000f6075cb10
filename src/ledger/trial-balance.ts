import type { Ctx } from '../shared/context.ts';
import { assert, notFound } from '../shared/errors.ts';
import { money, type Money } from '../shared/money.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findAccountRow } from './repo-accounts.ts';
import { sumLines, type LineSums } from './repo-balances.ts';
import {
  accountBalanceSchema, trialBalanceSchema,
  type AccountBalance, type AccountBalanceInput, type BalanceRow, type TrialBalance, type TrialBalanceInput,
} from './schema.ts';
import type { Side } from './tables.ts';

/**
 * Every account with postings, per currency, as of the end of `asOfDate` (entries dated on or
 * before it). Totals are per currency: amounts in different currencies are never added.
 * The totals balancing is asserted, not hoped for: if they do not, an invariant the database
 * guards was broken, and the report must fail loudly rather than print.
 */
export async function trialBalance(ctx: Ctx, input: TrialBalanceInput): Promise<TrialBalance> {
  const { asOfDate, currency } = parseInput(trialBalanceSchema, input, 'querystring');
  const sums = await sumLines(ctx, { asOfDate, ...(currency !== undefined ? { currency } : {}) });
  const rows = sums.map(toBalanceRow);
  const totals = new Map<string, { currency: string; debitMinor: bigint; creditMinor: bigint }>();
  for (const row of sums) {
    const total = totals.get(row.currency) ?? { currency: row.currency, debitMinor: 0n, creditMinor: 0n };
    total.debitMinor += row.debitMinor;
    total.creditMinor += row.creditMinor;
    totals.set(row.currency, total);
  }
  for (const total of totals.values()) {
    assert(total.debitMinor === total.creditMinor, `trial balance as of ${asOfDate} does not balance in ${total.currency}: ${total.debitMinor} ≠ ${total.creditMinor}`);
  }
  return {
    asOfDate,
    currency: currency ?? null,
    rows,
    totals: [...totals.values()].map((t) => ({ currency: t.currency, debit: money(t.debitMinor, t.currency), credit: money(t.creditMinor, t.currency) })),
  };
}

/** One account's position in one currency as of the end of `asOfDate`; zero when it has no postings. */
export async function accountBalance(ctx: Ctx, accountCode: string, input: AccountBalanceInput): Promise<AccountBalance> {
  const { asOfDate, currency } = parseInput(accountBalanceSchema, input, 'querystring');
  const account = await findAccountRow(ctx, accountCode);
  if (!account) throw notFound('ledger account', accountCode);
  const [sums] = await sumLines(ctx, { asOfDate, currency, accountCode });
  const debitMinor = sums?.debitMinor ?? 0n;
  const creditMinor = sums?.creditMinor ?? 0n;
  return {
    accountCode, asOfDate, currency,
    debit: money(debitMinor, currency),
    credit: money(creditMinor, currency),
    balance: normalBalance(account.normal_side, debitMinor, creditMinor, currency),
  };
}

function toBalanceRow(sums: LineSums): BalanceRow {
  const { debitMinor, creditMinor, currency, ...account } = sums;
  return {
    ...account,
    currency,
    debit: money(debitMinor, currency),
    credit: money(creditMinor, currency),
    balance: normalBalance(sums.normalSide, debitMinor, creditMinor, currency),
  };
}

/** Positive on the account's usual side: debit − credit for debit-normal accounts, credit − debit otherwise. */
export function normalBalance(normalSide: Side, debitMinor: bigint, creditMinor: bigint, currency: string): Money {
  return money(normalSide === 'debit' ? debitMinor - creditMinor : creditMinor - debitMinor, currency);
}
