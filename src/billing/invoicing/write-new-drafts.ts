import { recordAudit } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import type { lineColumns } from './line-columns.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';

export type NewDraft = {
  subject: { id: string; accountId: string; currency: string };
  billingDate: string;
  /** The next sequence of that billing date (its key is unique, see migration 202611230130). */
  sequence: number;
  taxNote: string | null;
  lines: Array<ReturnType<typeof lineColumns>>;
};

// ~30 columns an invoice, ~25 a line: well below the 65,535 bind parameters of one statement.
const ROWS_PER_INSERT = 1_000;

/**
 * Writes new draft invoices with their lines in a few multi-row inserts and audits each ('draft',
 * as writeInvoiceLines does for one). Totals and the service span are those updateTotals computes
 * from the lines (total = subtotal − discount + tax, a CHECK), worked out here instead of read back.
 * Returns the ids in input order. The caller holds the subscriptions' row locks.
 */
export async function insertNewDrafts(tx: TxCtx, drafts: readonly NewDraft[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  const db = invoicingDb(tx);
  const now = nowOf(tx);
  const invoices = drafts.map((draft): BilledInvoiceRow => {
    const totals = totalsOf(draft.lines);
    return {
      id: newId('inv', tx.clock.now().epochMilliseconds), account_id: draft.subject.accountId, subscription_id: draft.subject.id, number: null, status: 'draft',
      currency: draft.subject.currency, issue_date: null, due_date: null, period_start_date: totals.periodStartDate, period_end_date: totals.periodEndDate,
      subtotal_minor: totals.subtotalMinor, discount_minor: 0n, tax_minor: totals.taxMinor, total_minor: totals.subtotalMinor + totals.taxMinor,
      amount_paid_minor: 0n, amount_due_minor: totals.subtotalMinor + totals.taxMinor, source_system: null, external_id: null, issued_at: null, paid_at: null,
      voided_at: null, billing_date: draft.billingDate, billing_sequence: draft.sequence, journal_entry_id: null, tax_note: draft.taxNote,
      created_at: now, updated_at: now, version: 1,
    };
  });
  const lines = drafts.flatMap((draft, index) => draft.lines.map((line, lineIndex) => ({
    ...line, invoice_id: invoices[index]?.id ?? '', line_number: lineIndex + 1, created_at: now, updated_at: now,
  })));
  for (let i = 0; i < invoices.length; i += ROWS_PER_INSERT) await db.insertInto('invoices').values(invoices.slice(i, i + ROWS_PER_INSERT)).execute();
  for (let i = 0; i < lines.length; i += ROWS_PER_INSERT) await db.insertInto('invoice_lines').values(lines.slice(i, i + ROWS_PER_INSERT)).execute();
  // Every column is given above, so the rows as written are known without RETURNING.
  for (const [index, invoice] of invoices.entries()) {
    await recordAudit(tx, { action: 'draft', entityType: 'invoice', entityId: invoice.id, before: null, after: { ...summary(invoice), lines: drafts[index]?.lines.length ?? 0 } });
  }
  return invoices.map((invoice) => invoice.id);
}

/** Sum of net amounts and of tax; the span from the earliest line start to the latest line end (none when empty). */
function totalsOf(lines: NewDraft['lines']) {
  let subtotalMinor = 0n;
  let taxMinor = 0n;
  let start: string | null = null;
  let end: string | null = null;
  for (const line of lines) {
    subtotalMinor += netAmountMinor(line);
    taxMinor += line.tax_minor;
    if (line.period_start_date !== null && (start === null || line.period_start_date < start)) start = line.period_start_date;
    if (line.period_end_date !== null && (end === null || line.period_end_date > end)) end = line.period_end_date;
  }
  const hasPeriod = start !== null && end !== null && end > start;
  return { subtotalMinor, taxMinor, periodStartDate: hasPeriod ? start : null, periodEndDate: hasPeriod ? end : null };
}
