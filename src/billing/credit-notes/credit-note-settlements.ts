import type { Ctx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import type { CreditNoteRefundsTable, InvoiceSettlementsTable, SettlementReason } from '../settlement/settlement-tables.ts';
import { findCreditNoteRows, toCreditNoteSummary } from './credit-note-rows.ts';
import type { CreditNoteSummary } from './list-schema.ts';

export type CreditNoteApplication = {
  invoiceId: string; invoiceNumber: string | null; reason: SettlementReason;
  /** Positive when applied, negative when taken back. */
  amountMinor: bigint; effectiveDate: string;
};
export type CreditNoteRefund = { id: string; amountMinor: bigint; refundDate: string; reason: string | null; journalEntryId: string };
export type CreditNoteSettlements = { summary: CreditNoteSummary; applications: CreditNoteApplication[]; refunds: CreditNoteRefund[] };

/**
 * What became of a credit note's credit, in order: applied to invoices (and taken back) and refunded
 * in cash, with the amounts the list shows. A void's credit note has no applications: it credited its
 * invoice in full when issued (summary.appliedMinor = its total). Read-only, for the credit note page.
 */
export async function getCreditNoteSettlements(ctx: Ctx, creditNoteId: string): Promise<CreditNoteSettlements> {
  const [row] = await findCreditNoteRows(ctx, { id: creditNoteId }, { order: 'asc', limit: 1, after: null });
  if (!row) throw notFound('credit note', creditNoteId);
  const db = invoicingDb(ctx).withTables<{ invoice_settlements: InvoiceSettlementsTable; credit_note_refunds: CreditNoteRefundsTable }>();
  const applications = await db.selectFrom('invoice_settlements as s').innerJoin('invoices', 'invoices.id', 's.invoice_id')
    .select(['s.invoice_id', 'invoices.number', 's.reason', 's.amount_minor', 's.effective_date'])
    .where('s.source_type', '=', 'credit_note').where('s.source_id', '=', creditNoteId).orderBy('s.id').execute();
  const refunds = await db.selectFrom('credit_note_refunds').selectAll().where('credit_note_id', '=', creditNoteId).orderBy('refund_date').orderBy('id').execute();
  return {
    summary: toCreditNoteSummary(row),
    applications: applications.map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, reason: a.reason, amountMinor: a.amount_minor, effectiveDate: a.effective_date })),
    refunds: refunds.map((r) => ({ id: r.id, amountMinor: r.amount_minor, refundDate: r.refund_date, reason: r.reason, journalEntryId: r.journal_entry_id })),
  };
}
