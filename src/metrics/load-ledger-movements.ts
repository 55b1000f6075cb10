import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';

/** The movement of one ledger account on one day from one document (invoice, else journal entry). */
export type LedgerMovement = DatedAmount & {
  recordType: 'invoice' | 'journal_entry'; id: string; ledgerAccount: string; lines: number;
  /** The document the postings come from: the invoice, else the entry's source (a payment, a credit note …), else the entry. */
  sourceId: string;
  /** What sourceId is: 'invoice', the entry's source type ('payment', 'credit_note' …), or 'journal_entry'. */
  sourceType: string;
};

/**
 * Postings to the ledger account `code` with an entry date in [fromDate, toDate], per day,
 * currency and document (the lines' invoice reference, else the journal entry), signed as the
 * account's balance grows: debit − credit for an asset (`debit`), credit − debit otherwise.
 * With asOf (docs/metrics.md "As of"): the entries posted by then.
 */
export async function loadLedgerMovements(ctx: Ctx, code: string, normal: 'debit' | 'credit', fromDate: string, toDate: string, asOf: Date | null = null): Promise<LedgerMovement[]> {
  const recordId = sql<string>`coalesce(l.invoice_id, l.entry_id)`;
  const net = normal === 'debit' ? sql<string>`sum(l.debit_minor - l.credit_minor)::text` : sql<string>`sum(l.credit_minor - l.debit_minor)::text`;
  const rows = await financeDb(ctx).selectFrom('journal_lines as l').innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select(['e.entry_date', 'l.currency', recordId.as('record_id'), sql<boolean>`bool_and(l.invoice_id is not null)`.as('has_invoice'), net.as('net_minor'), sql<number>`count(*)::int`.as('lines'), sql<string>`coalesce(min(l.invoice_id), min(e.source_id), min(l.entry_id))`.as('source_id'),
      sql<string>`case when bool_and(l.invoice_id is not null) then 'invoice' when min(e.source_id) is not null then min(e.source_type) else 'journal_entry' end`.as('source_type')])
    .where('l.account_code', '=', code).where('e.entry_date', '>=', fromDate).where('e.entry_date', '<=', toDate)
    .$if(asOf !== null, (qb) => qb.where('e.posted_at', '<=', asOf as Date))
    .groupBy(['e.entry_date', 'l.currency', recordId]).orderBy('e.entry_date').orderBy(recordId).execute();
  return rows.map((row): LedgerMovement => ({
    recordType: row.has_invoice ? 'invoice' : 'journal_entry', id: row.record_id, ledgerAccount: code, lines: row.lines, sourceId: row.source_id, sourceType: row.source_type,
    date: row.entry_date, currency: row.currency, amountMinor: BigInt(row.net_minor),
  }));
}
