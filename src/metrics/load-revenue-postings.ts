import { sql } from 'kysely';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import type { AccountAttributes } from './record-groups.ts';

/**
 * Operating revenue: the accounts billing posts revenue to (subscription, services, usage). Any
 * other account of type revenue (interest, other income added to the chart) is non-operating.
 * FX gain/loss is a trading account balanced per currency (docs/ledger.md): its balance in one
 * currency is not revenue until translated, so it is in neither.
 */
export const OPERATING_REVENUE_ACCOUNTS: readonly string[] = [LEDGER_ACCOUNTS.subscriptionRevenue, LEDGER_ACCOUNTS.servicesRevenue, LEDGER_ACCOUNTS.usageRevenue];
const EXCLUDED_REVENUE_ACCOUNTS: readonly string[] = [LEDGER_ACCOUNTS.fxGainLoss];

/** Net credit (credit − debit) to one revenue account on one day, per document (invoice, else journal entry). */
export type RevenuePosting = DatedAmount & AccountAttributes & {
  recordType: 'invoice' | 'journal_entry';
  id: string;
  accountId: string | null;
  ledgerAccount: string;
  operating: boolean;
  lines: number;
};

/**
 * Revenue postings dated in [fromDate, toDate] (entry date), on every ledger account of type
 * revenue except FX gain/loss: invoice and credit-note entries, the daily recognition entries,
 * manual entries and reversals alike — the ledger is the record. Lines that name an invoice are
 * grouped by it; others by their journal entry.
 *
 * With asOf (docs/metrics.md "As of"): the entries posted by then (posted_at ≤ asOf; a reversal is
 * an entry of its own, posted when it was), account attributes as they stood then.
 */
export async function loadRevenuePostings(ctx: Ctx, fromDate: string, toDate: string, asOf: Date | null = null): Promise<RevenuePosting[]> {
  const recordId = sql<string>`coalesce(l.invoice_id, l.entry_id)`;
  const rows = await financeDb(ctx).selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .innerJoin('ledger_accounts as g', 'g.code', 'l.account_code')
    .leftJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'l.account_id')
    .select(['e.entry_date', 'l.currency', 'l.account_code', 'l.account_id', 'a.segment', 'a.country', 'a.industry'])
    .select([
      recordId.as('record_id'),
      sql<boolean>`bool_and(l.invoice_id is not null)`.as('has_invoice'),
      sql<string>`sum(l.credit_minor - l.debit_minor)::text`.as('net_minor'),
      sql<number>`count(*)::int`.as('lines'),
    ])
    .where('g.type', '=', 'revenue').where('l.account_code', 'not in', EXCLUDED_REVENUE_ACCOUNTS)
    .where('e.entry_date', '>=', fromDate).where('e.entry_date', '<=', toDate)
    .$if(asOf !== null, (qb) => qb.where('e.posted_at', '<=', asOf as Date))
    .groupBy(['e.entry_date', 'l.currency', 'l.account_code', 'l.account_id', 'a.segment', 'a.country', 'a.industry', recordId])
    .orderBy('e.entry_date').orderBy(recordId).orderBy('l.account_code').execute();
  return rows.map((row): RevenuePosting => ({
    recordType: row.has_invoice ? 'invoice' : 'journal_entry', id: row.record_id, accountId: row.account_id, ledgerAccount: row.account_code,
    operating: OPERATING_REVENUE_ACCOUNTS.includes(row.account_code), lines: row.lines,
    date: row.entry_date, currency: row.currency, amountMinor: BigInt(row.net_minor), segment: row.segment, country: row.country, industry: row.industry,
  }));
}
