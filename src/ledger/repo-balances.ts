import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { LedgerAccountType, Side } from './tables.ts';
import { ledgerDb } from './tables.ts';

export type LineSums = {
  accountCode: string; accountName: string; accountType: LedgerAccountType; normalSide: Side;
  currency: string; debitMinor: bigint; creditMinor: bigint;
};

/**
 * Debit and credit sums per account and currency over entries dated on or before `asOfDate`.
 * sum(bigint) is numeric in SQL (it cannot overflow) and arrives as exact text.
 */
export async function sumLines(ctx: Ctx, filter: { asOfDate: string; currency?: string; accountCode?: string }): Promise<LineSums[]> {
  let query = ledgerDb(ctx)
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .innerJoin('ledger_accounts as a', 'a.code', 'l.account_code')
    .select(['l.account_code', 'a.name', 'a.type', 'a.normal_side', 'l.currency'])
    .select([sql<string>`sum(l.debit_minor)`.as('debit_sum'), sql<string>`sum(l.credit_minor)`.as('credit_sum')])
    .where('e.entry_date', '<=', filter.asOfDate);
  if (filter.currency !== undefined) query = query.where('l.currency', '=', filter.currency);
  if (filter.accountCode !== undefined) query = query.where('l.account_code', '=', filter.accountCode);
  const rows = await query
    .groupBy(['l.account_code', 'a.name', 'a.type', 'a.normal_side', 'l.currency'])
    .orderBy('l.currency')
    .orderBy('l.account_code')
    .execute();
  return rows.map((row) => ({
    accountCode: row.account_code,
    accountName: row.name,
    accountType: row.type,
    normalSide: row.normal_side,
    currency: row.currency,
    debitMinor: BigInt(row.debit_sum),
    creditMinor: BigInt(row.credit_sum),
  }));
}
