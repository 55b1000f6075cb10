import { sql } from 'kysely';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { CreditNotesTable } from '../invoicing/tables.ts';
import { nowOf } from '../billing-db.ts';
import { settlementDb, type CreditNoteRefundsTable } from './settlement-tables.ts';

export type CreditNoteBalance = { creditNoteId: string; number: string; accountId: string; currency: string; issueDate: string; totalMinor: bigint; remainingMinor: bigint };

const remainingSql = sql<string>`(credit_notes.total_minor
  - coalesce((select sum(s.amount_minor) from invoice_settlements s where s.source_type = 'credit_note' and s.source_id = credit_notes.id), 0)
  - coalesce((select sum(r.amount_minor) from credit_note_refunds r where r.credit_note_id = credit_notes.id), 0))::text`;

function creditNotesDb(ctx: Ctx) {
  return settlementDb(ctx).withTables<{ credit_notes: CreditNotesTable }>();
}

/**
 * Adjustment credit notes not tied to an invoice with credit left: total − what they have
 * settled on invoices − what was refunded in cash. Oldest first (issue date, number) — the order they are applied in. A
 * credit note already credited AR when issued, so applying one moves no money in the ledger.
 * With `lock`, each returned note's row is locked (inside a transaction).
 */
export async function findCreditNoteBalances(ctx: Ctx | TxCtx, filter: { accountId: string; currency: string; lock?: boolean }): Promise<CreditNoteBalance[]> {
  let query = creditNotesDb(ctx).selectFrom('credit_notes')
    .select([
      'id', 'number', 'account_id', 'currency', 'issue_date', 'total_minor',
      remainingSql.as('remaining_minor'),
    ])
    .where('kind', '=', 'adjustment').where('invoice_id', 'is', null)
    .where('account_id', '=', filter.accountId).where('currency', '=', filter.currency)
    .orderBy('issue_date').orderBy('number');
  if (filter.lock) query = query.forUpdate();
  const rows = await query.execute();
  return rows
    .map((row) => ({
      creditNoteId: row.id, number: row.number, accountId: row.account_id, currency: row.currency, issueDate: row.issue_date,
      totalMinor: row.total_minor, remainingMinor: BigInt(row.remaining_minor),
    }))
    .filter((note) => note.remainingMinor > 0n);
}

/**
 * One credit note's balance under its row lock (a refund's check and write hold it), or undefined
 * when there is no such credit note. Any kind: only an adjustment not tied to an invoice is refundable
 * (the caller says why another is not).
 */
export async function lockCreditNoteBalance(tx: TxCtx, creditNoteId: string): Promise<(CreditNoteBalance & { kind: 'void' | 'adjustment'; invoiceId: string | null }) | undefined> {
  const row = await creditNotesDb(tx).selectFrom('credit_notes')
    .select(['id', 'number', 'kind', 'invoice_id', 'account_id', 'currency', 'issue_date', 'total_minor', remainingSql.as('remaining_minor')])
    .where('id', '=', creditNoteId).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  return {
    creditNoteId: row.id, number: row.number, kind: row.kind, invoiceId: row.invoice_id, accountId: row.account_id, currency: row.currency,
    issueDate: row.issue_date, totalMinor: row.total_minor, remainingMinor: BigInt(row.remaining_minor),
  };
}

/** Writes a refund of a credit note (the caller holds its lock and posted the entry). */
export async function insertCreditNoteRefund(tx: TxCtx, row: Omit<CreditNoteRefundsTable, 'created_at'>): Promise<void> {
  await settlementDb(tx).insertInto('credit_note_refunds').values({ ...row, created_at: nowOf(tx) }).execute();
}
