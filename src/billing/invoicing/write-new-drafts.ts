import { sql } from 'kysely';
import { recordAuditEntries } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { insertRowsUnnest, type UnnestColumn } from '../../shared/db/insert-unnest.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import type { lineColumns } from './line-columns.ts';
import { netAmountMinor, type BilledInvoiceRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';

export type NewDraft = {
  subject: { id: string; accountId: string; currency: string };
  billingDate: string;
  /** The next sequence of that billing date (its key is unique, see migration 202611230130). */
  sequence: number;
  taxNote: string | null;
  lines: Array<ReturnType<typeof lineColumns>>;
};

export type DraftLineRow = ReturnType<typeof lineColumns> & { invoice_id: string; line_number: number; created_at: Date; updated_at: Date };
/**
 * New drafts as written (every column given), in input order, and their lines by invoice id; `held`
 * are those audited but not inserted yet (insertNewDrafts' holdThrough).
 */
export type WrittenDrafts = { invoices: BilledInvoiceRow[]; lines: Map<string, DraftLineRow[]>; held: ReadonlySet<string> };

/**
 * Writes new draft invoices with their lines in a few multi-row inserts and audits each ('draft',
 * as writeInvoiceLines does for one). Totals and the service span are those updateTotals computes
 * from the lines (total = subtotal − discount + tax, a CHECK), worked out here instead of read back.
 * Returns the rows as written, in input order. The caller holds the subscriptions' row locks.
 *
 * `holdThrough` (the billing run that issues through that date): drafts billed on or before it are
 * audited as drafted but not inserted — the chunk issues them right after and writes them as issued
 * (issue-batch.ts), once; `held` names them.
 */
export async function insertNewDrafts(tx: TxCtx, drafts: readonly NewDraft[], holdThrough: string | null = null): Promise<WrittenDrafts> {
  if (drafts.length === 0) return { invoices: [], lines: new Map(), held: new Set() };
  const now = nowOf(tx);
  const nowMs = now.getTime();
  const invoices = drafts.map((draft): BilledInvoiceRow => {
    const totals = totalsOf(draft.lines);
    return {
      id: newId('inv', nowMs), account_id: draft.subject.accountId, subscription_id: draft.subject.id, number: null, status: 'draft',
      currency: draft.subject.currency, issue_date: null, due_date: null, period_start_date: totals.periodStartDate, period_end_date: totals.periodEndDate,
      subtotal_minor: totals.subtotalMinor, discount_minor: 0n, tax_minor: totals.taxMinor, total_minor: totals.subtotalMinor + totals.taxMinor,
      amount_paid_minor: 0n, amount_due_minor: totals.subtotalMinor + totals.taxMinor, source_system: null, external_id: null, issued_at: null, paid_at: null,
      voided_at: null, billing_date: draft.billingDate, billing_sequence: draft.sequence, journal_entry_id: null, tax_note: draft.taxNote,
      customer_name: null, customer_country: null, customer_tax_id: null, customer_address: null, created_at: now, updated_at: now, version: 1,
    };
  });
  const byInvoice = new Map<string, DraftLineRow[]>();
  invoices.forEach((invoice, index) => byInvoice.set(invoice.id, (drafts[index]?.lines ?? []).map((line, lineIndex): DraftLineRow => ({
    ...line, invoice_id: invoice.id, line_number: lineIndex + 1, created_at: now, updated_at: now,
  }))));
  const held = new Set(holdThrough === null ? [] : invoices.filter((invoice) => invoice.billing_date !== null && invoice.billing_date <= holdThrough).map((invoice) => invoice.id));
  const written = held.size === 0 ? invoices : invoices.filter((invoice) => !held.has(invoice.id));
  await insertInvoiceRows(tx, written, written.flatMap((invoice) => byInvoice.get(invoice.id) ?? []));
  await recordAuditEntries(tx, invoices.map((invoice, index) => ({
    action: 'draft', entityType: 'invoice', entityId: invoice.id, before: null, after: { ...summary(invoice), lines: drafts[index]?.lines.length ?? 0 },
  })));
  return { invoices, lines: byInvoice, held };
}

/**
 * Invoices and their lines, one array per column (insertRowsUnnest); every column is given, so the
 * rows as written are known without RETURNING. Drafts first, then their lines. An issued invoice
 * takes no lines (the trigger of migration 202611230051): its lines go first, before the invoice
 * exists, with their key to it deferred to commit (migration 202612091000). Issued invoices whose
 * lines the caller wrote already (insertInvoiceLines) come with no lines.
 */
export async function insertInvoiceRows(tx: TxCtx, invoices: readonly BilledInvoiceRow[], lines: readonly DraftLineRow[]): Promise<void> {
  if (invoices.length === 0) return;
  if (invoices.every((invoice) => invoice.status === 'draft')) {
    await insertRowsUnnest(tx.db, 'invoices', INVOICE_COLUMNS, invoices);
    await insertRowsUnnest(tx.db, 'invoice_lines', LINE_COLUMNS, lines);
    return;
  }
  await insertInvoiceLines(tx, lines);
  await insertRowsUnnest(tx.db, 'invoices', INVOICE_COLUMNS, invoices);
}

/** Lines of invoices not written yet (issued ones, written next): their key to the invoice is deferred to commit. */
export async function insertInvoiceLines(tx: TxCtx, lines: readonly DraftLineRow[]): Promise<void> {
  if (lines.length === 0) return;
  await sql`set constraints invoice_lines_invoice deferred`.execute(tx.db);
  await insertRowsUnnest(tx.db, 'invoice_lines', LINE_COLUMNS, lines);
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

const INVOICE_COLUMNS: ReadonlyArray<UnnestColumn<BilledInvoiceRow>> = [
  { name: 'id', type: 'text', value: (row) => row.id },
  { name: 'account_id', type: 'text', value: (row) => row.account_id },
  { name: 'subscription_id', type: 'text', value: (row) => row.subscription_id },
  { name: 'number', type: 'text', value: (row) => row.number },
  { name: 'status', type: 'text', value: (row) => row.status },
  { name: 'currency', type: 'text', value: (row) => row.currency },
  { name: 'issue_date', type: 'date', value: (row) => row.issue_date },
  { name: 'due_date', type: 'date', value: (row) => row.due_date },
  { name: 'period_start_date', type: 'date', value: (row) => row.period_start_date },
  { name: 'period_end_date', type: 'date', value: (row) => row.period_end_date },
  { name: 'subtotal_minor', type: 'bigint', value: (row) => row.subtotal_minor },
  { name: 'discount_minor', type: 'bigint', value: (row) => row.discount_minor },
  { name: 'tax_minor', type: 'bigint', value: (row) => row.tax_minor },
  { name: 'total_minor', type: 'bigint', value: (row) => row.total_minor },
  { name: 'amount_paid_minor', type: 'bigint', value: (row) => row.amount_paid_minor },
  { name: 'amount_due_minor', type: 'bigint', value: (row) => row.amount_due_minor },
  { name: 'source_system', type: 'text', value: (row) => row.source_system },
  { name: 'external_id', type: 'text', value: (row) => row.external_id },
  { name: 'issued_at', type: 'timestamptz', value: (row) => row.issued_at },
  { name: 'paid_at', type: 'timestamptz', value: (row) => row.paid_at },
  { name: 'voided_at', type: 'timestamptz', value: (row) => row.voided_at },
  { name: 'billing_date', type: 'date', value: (row) => row.billing_date },
  { name: 'billing_sequence', type: 'integer', value: (row) => row.billing_sequence },
  { name: 'journal_entry_id', type: 'text', value: (row) => row.journal_entry_id },
  { name: 'tax_note', type: 'text', value: (row) => row.tax_note },
  { name: 'customer_name', type: 'text', value: (row) => row.customer_name },
  { name: 'customer_country', type: 'text', value: (row) => row.customer_country },
  { name: 'customer_tax_id', type: 'text', value: (row) => row.customer_tax_id },
  { name: 'customer_address', type: 'text', value: (row) => row.customer_address },
  { name: 'created_at', type: 'timestamptz', value: (row) => row.created_at },
  { name: 'updated_at', type: 'timestamptz', value: (row) => row.updated_at },
  { name: 'version', type: 'integer', value: (row) => row.version },
];

const LINE_COLUMNS: ReadonlyArray<UnnestColumn<DraftLineRow>> = [
  { name: 'invoice_id', type: 'text', value: (row) => row.invoice_id },
  { name: 'line_number', type: 'integer', value: (row) => row.line_number },
  { name: 'currency', type: 'text', value: (row) => row.currency },
  { name: 'line_kind', type: 'text', value: (row) => row.line_kind },
  { name: 'description', type: 'text', value: (row) => row.description },
  { name: 'quantity', type: 'numeric', value: (row) => row.quantity },
  { name: 'unit_amount_minor', type: 'bigint', value: (row) => row.unit_amount_minor },
  { name: 'unit_amount_decimal', type: 'text', value: (row) => row.unit_amount_decimal },
  { name: 'amount_minor', type: 'bigint', value: (row) => row.amount_minor },
  { name: 'tax_minor', type: 'bigint', value: (row) => row.tax_minor },
  { name: 'tax_rate_bps', type: 'integer', value: (row) => row.tax_rate_bps },
  { name: 'tax_inclusive', type: 'boolean', value: (row) => row.tax_inclusive },
  { name: 'period_start_date', type: 'date', value: (row) => row.period_start_date },
  { name: 'period_end_date', type: 'date', value: (row) => row.period_end_date },
  { name: 'billing_period_start_date', type: 'date', value: (row) => row.billing_period_start_date },
  { name: 'billing_period_end_date', type: 'date', value: (row) => row.billing_period_end_date },
  { name: 'billable_days', type: 'integer', value: (row) => row.billable_days },
  { name: 'period_days', type: 'integer', value: (row) => row.period_days },
  { name: 'note', type: 'text', value: (row) => row.note },
  { name: 'recognition', type: 'text', value: (row) => row.recognition },
  { name: 'revenue_kind', type: 'text', value: (row) => row.revenue_kind },
  { name: 'subscription_item_id', type: 'bigint', value: (row) => row.subscription_item_id },
  { name: 'created_at', type: 'timestamptz', value: (row) => row.created_at },
  { name: 'updated_at', type: 'timestamptz', value: (row) => row.updated_at },
];
