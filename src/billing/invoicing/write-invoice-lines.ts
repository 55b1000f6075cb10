import { sql } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import { NO_TAX, type TaxContext } from '../tax/tax-context.ts';
import type { TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import type { BillingSubject, PlannedLine } from './charge-types.ts';
import { lineColumns } from './line-columns.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow } from './tables.ts';

/**
 * Puts one billing date's lines on a draft invoice: the open draft of that date if there is one
 * (drafts stay editable), else a new invoice with the next sequence of that date (its key is
 * unique, see migration 202611230130). The caller holds the subscription's row lock.
 */
export async function writeInvoiceLines(tx: TxCtx, subject: BillingSubject & { accountId: string }, billingDate: string, lines: PlannedLine[], tax: TaxContext = NO_TAX): Promise<string | null> {
  const db = invoicingDb(tx);
  const existing = await db.selectFrom('invoices').selectAll().where('subscription_id', '=', subject.id).where('billing_date', '=', billingDate)
    .orderBy('billing_sequence', 'desc').forUpdate().executeTakeFirst();
  const columns = lines.map((line) => lineColumns(line, subject.currency, tax));
  const added = columns.reduce((sum, line) => sum + netAmountMinor(line) + line.tax_minor, 0n);
  const draft = existing?.status === 'draft' && existing.total_minor + added >= 0n ? existing : null;
  // A net credit with no draft to absorb it is not an invoice: the caller issues a credit note.
  if (!draft && added < 0n) return null;
  const invoice = draft ?? await insertDraft(tx, subject, billingDate, (existing?.billing_sequence ?? 0) + 1, tax.note);
  const now = nowOf(tx);
  const last = await db.selectFrom('invoice_lines').select((eb) => eb.fn.max('line_number').as('n')).where('invoice_id', '=', invoice.id).executeTakeFirst();
  const first = Number(last?.n ?? 0) + 1;
  await db.insertInto('invoice_lines').values(columns.map((line, index) => ({
    ...line, invoice_id: invoice.id, line_number: first + index, created_at: now, updated_at: now,
  }))).execute();
  const after = await updateTotals(tx, invoice);
  await recordAudit(tx, { action: draft ? 'add_lines' : 'draft', entityType: 'invoice', entityId: invoice.id, before: draft ? summary(invoice) : null, after: { ...summary(after), lines: lines.length } });
  return invoice.id;
}

async function insertDraft(tx: TxCtx, subject: BillingSubject & { accountId: string }, billingDate: string, sequence: number, taxNote: string | null): Promise<BilledInvoiceRow> {
  const now = nowOf(tx);
  return invoicingDb(tx).insertInto('invoices').values({
    id: newId('inv', tx.clock.now().epochMilliseconds), account_id: subject.accountId, subscription_id: subject.id, number: null, status: 'draft',
    currency: subject.currency, issue_date: null, due_date: null, period_start_date: null, period_end_date: null,
    subtotal_minor: 0n, discount_minor: 0n, tax_minor: 0n, total_minor: 0n, amount_paid_minor: 0n, amount_due_minor: 0n,
    source_system: null, external_id: null, issued_at: null, paid_at: null, voided_at: null,
    billing_date: billingDate, billing_sequence: sequence, journal_entry_id: null, tax_note: taxNote, created_at: now, updated_at: now, version: 1,
  }).returningAll().executeTakeFirstOrThrow();
}

/** Totals and the service period span follow the lines (total = subtotal − discount + tax, a CHECK). */
async function updateTotals(tx: TxCtx, invoice: BilledInvoiceRow): Promise<BilledInvoiceRow> {
  const db = invoicingDb(tx);
  const sums = await db.selectFrom('invoice_lines').where('invoice_id', '=', invoice.id)
    .select((eb) => [
      eb.fn.sum<string>(sql<bigint>`case when tax_inclusive then amount_minor - tax_minor else amount_minor end`).as('subtotal'), eb.fn.sum<string>('tax_minor').as('tax'),
      eb.fn.min('period_start_date').as('start'), eb.fn.max('period_end_date').as('end'),
    ]).executeTakeFirstOrThrow();
  const subtotal = BigInt(sums.subtotal ?? 0);
  const tax = BigInt(sums.tax ?? 0);
  const hasPeriod = sums.start !== null && sums.end !== null && String(sums.end) > String(sums.start);
  return db.updateTable('invoices').set({
    subtotal_minor: subtotal, tax_minor: tax, total_minor: subtotal + tax, amount_due_minor: subtotal + tax,
    period_start_date: hasPeriod ? String(sums.start) : null, period_end_date: hasPeriod ? String(sums.end) : null,
    updated_at: nowOf(tx), version: invoice.version + 1,
  }).where('id', '=', invoice.id).returningAll().executeTakeFirstOrThrow();
}

export function summary(row: BilledInvoiceRow) {
  return {
    id: row.id, status: row.status, number: row.number, billingDate: row.billing_date, billingSequence: row.billing_sequence,
    subtotalMinor: row.subtotal_minor.toString(), taxMinor: row.tax_minor.toString(), totalMinor: row.total_minor.toString(),
  };
}
