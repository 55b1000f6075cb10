import { sql } from 'kysely';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import type { AccountAttributes } from './record-groups.ts';

/** The deferred revenue (billed, not yet recognized) of one invoice at the end of a date, dated that date. */
export type DeferredBalance = DatedAmount & AccountAttributes & { recordType: 'deferred_revenue'; id: string; accountId: string | null };

/**
 * The ledger's deferred revenue account (2000, credit − debit) at the end of `asOfDate`, per
 * invoice (the lines' invoice reference; else the journal entry) — the contract liability of
 * ASC 606. Balances of zero are left out. With asOf (docs/metrics.md "As of"): the entries posted
 * by then, accounts as they stood then.
 */
export async function loadDeferredRevenue(ctx: Ctx, asOfDate: string, asOf: Date | null = null): Promise<DeferredBalance[]> {
  const recordId = sql<string>`coalesce(l.invoice_id, l.entry_id)`;
  const rows = await financeDb(ctx).selectFrom('journal_lines as l').innerJoin('journal_entries as e', 'e.id', 'l.entry_id').leftJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'l.account_id')
    .select(['l.currency', 'l.account_id', 'a.segment', 'a.country', 'a.industry', recordId.as('record_id'), sql<string>`sum(l.credit_minor - l.debit_minor)::text`.as('balance_minor')])
    .where('l.account_code', '=', LEDGER_ACCOUNTS.deferredRevenue).where('e.entry_date', '<=', asOfDate)
    .$if(asOf !== null, (qb) => qb.where('e.posted_at', '<=', asOf as Date))
    .groupBy(['l.currency', 'l.account_id', 'a.segment', 'a.country', 'a.industry', recordId])
    .orderBy(recordId).execute();
  return rows.filter((row) => BigInt(row.balance_minor) !== 0n).map((row): DeferredBalance => ({
    recordType: 'deferred_revenue', id: row.record_id, accountId: row.account_id, date: asOfDate, amountMinor: BigInt(row.balance_minor), currency: row.currency,
    segment: row.segment, country: row.country, industry: row.industry,
  }));
}
