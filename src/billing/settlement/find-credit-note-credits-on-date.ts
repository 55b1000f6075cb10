import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { CreditNotesTable } from '../invoicing/tables.ts';
import { settlementDb } from './settlement-tables.ts';

export type CreditNoteCreditOnDate = {
  id: string;
  number: string;
  accountId: string;
  accountName: string;
  currency: string;
  issueDate: string;
  totalMinor: bigint;
  /** Credit the note still held at the end of the as-of date: not yet settled on invoices nor refunded. */
  unappliedMinor: bigint;
};

/**
 * Adjustment credit notes (not tied to an invoice) with credit left at the end of `asOfDate`:
 * total − what they had settled on invoices by then − what was refunded by then. Such a note
 * credited AR when it was issued, so AR in the ledger is open invoices minus this credit
 * (docs/payments.md "AR aging"). A void credit note is left out: its invoice leaves the aging the
 * day it is voided, the day the note credits AR.
 */
export async function findCreditNoteCreditsOnDate(ctx: Ctx, asOfDate: string, filter: { accountId?: string } = {}): Promise<CreditNoteCreditOnDate[]> {
  let query = settlementDb(ctx).withTables<{ credit_notes: CreditNotesTable }>().selectFrom('credit_notes')
    .innerJoin('accounts', 'accounts.id', 'credit_notes.account_id')
    .select([
      'credit_notes.id', 'credit_notes.number', 'credit_notes.account_id', 'accounts.name as account_name', 'credit_notes.currency',
      'credit_notes.issue_date', 'credit_notes.total_minor',
      sql<string>`(credit_notes.total_minor
        - coalesce((select sum(s.amount_minor) from invoice_settlements s where s.source_type = 'credit_note' and s.source_id = credit_notes.id and s.effective_date <= ${asOfDate}), 0)
        - coalesce((select sum(r.amount_minor) from credit_note_refunds r where r.credit_note_id = credit_notes.id and r.refund_date <= ${asOfDate}), 0))::text`.as('unapplied_minor'),
    ])
    .where('credit_notes.kind', '=', 'adjustment').where('credit_notes.invoice_id', 'is', null)
    .where('credit_notes.issue_date', '<=', asOfDate);
  if (filter.accountId !== undefined) query = query.where('credit_notes.account_id', '=', filter.accountId);
  const rows = await query.orderBy('credit_notes.issue_date').orderBy('credit_notes.number').execute();
  return rows
    .map((row) => ({
      id: row.id, number: row.number, accountId: row.account_id, accountName: row.account_name, currency: row.currency,
      issueDate: row.issue_date, totalMinor: row.total_minor, unappliedMinor: BigInt(row.unapplied_minor),
    }))
    .filter((note) => note.unappliedMinor > 0n);
}
