import type { Insertable } from 'kysely';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { billingDb, nowOf, withConstraintErrors } from './billing-db.ts';
import type { Invoice, InvoiceDetail, InvoiceLine } from './invoice-schema.ts';
import type { InvoiceLineRow, InvoiceRow, InvoicesTable, InvoiceStatus } from './tables.ts';

// The only code writing invoices and invoice_lines. Issued invoices are guarded twice: by the
// services (a clear field error) and by the trigger in migration 202611230051 (the last word).

export function toInvoice(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    accountId: row.account_id,
    subscriptionId: row.subscription_id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    periodStartDate: row.period_start_date,
    periodEndDate: row.period_end_date,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    taxMinor: row.tax_minor,
    totalMinor: row.total_minor,
    amountPaidMinor: row.amount_paid_minor,
    amountDueMinor: row.amount_due_minor,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    issuedAt: row.issued_at?.toISOString() ?? null,
    paidAt: row.paid_at?.toISOString() ?? null,
    voidedAt: row.voided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toInvoiceLine(row: InvoiceLineRow): InvoiceLine {
  return {
    lineNumber: row.line_number,
    description: row.description,
    quantity: row.quantity,
    unitAmountMinor: row.unit_amount_minor,
    unitAmountDecimal: row.unit_amount_decimal,
    amountMinor: row.amount_minor,
    periodStartDate: row.period_start_date,
    periodEndDate: row.period_end_date,
    subscriptionItemId: row.subscription_item_id?.toString() ?? null,
  };
}

export type InvoiceColumns = Required<Omit<Insertable<InvoicesTable>, 'id' | 'created_at' | 'updated_at' | 'version'>>;
/** What may still change once an invoice is issued: its payment progress (STYLE.md "Financial records"). */
export const PAYMENT_PROGRESS_COLUMNS = ['status', 'amount_paid_minor', 'amount_due_minor', 'paid_at', 'voided_at'] as const;
// Imported lines carry whole minor units only: a sub-minor unit price comes from Revline's own usage rating.
export type LineColumns = Omit<InvoiceLine, 'lineNumber' | 'subscriptionItemId' | 'unitAmountDecimal'>;

export async function findInvoiceRow(ctx: Ctx, id: string) {
  return billingDb(ctx).selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findImportedInvoiceRow(tx: TxCtx, sourceSystem: string, externalId: string) {
  return billingDb(tx).selectFrom('invoices').selectAll()
    .where('source_system', '=', sourceSystem).where('external_id', '=', externalId).forUpdate().executeTakeFirst();
}

export async function loadInvoiceDetail(ctx: Ctx, row: InvoiceRow): Promise<InvoiceDetail> {
  const lines = await billingDb(ctx).selectFrom('invoice_lines').selectAll().where('invoice_id', '=', row.id).orderBy('line_number').execute();
  return { ...toInvoice(row), lines: lines.map(toInvoiceLine) };
}

/**
 * Lines can only be written while the invoice is a draft (trigger), so an invoice that arrives
 * issued is inserted as a draft with its final values, gets its lines, then takes its status —
 * all in the caller's transaction, as one version and one audit entry.
 */
export async function insertInvoiceWithLines(tx: TxCtx, id: string, columns: InvoiceColumns, lines: readonly LineColumns[]) {
  const db = billingDb(tx);
  const now = nowOf(tx);
  await withConstraintErrors(db.insertInto('invoices').values({ ...columns, id, status: 'draft', created_at: now, updated_at: now, version: 1 }).execute());
  if (lines.length > 0) {
    await db.insertInto('invoice_lines').values(lines.map((line, index) => ({
      invoice_id: id,
      line_number: index + 1,
      currency: columns.currency,
      description: line.description,
      quantity: line.quantity,
      unit_amount_minor: line.unitAmountMinor,
      amount_minor: line.amountMinor,
      period_start_date: line.periodStartDate,
      period_end_date: line.periodEndDate,
      subscription_item_id: null,
      created_at: now,
      updated_at: now,
    }))).execute();
  }
  return db.updateTable('invoices').set({ status: columns.status }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Compare-and-set on version, payment progress only; the caller holds the row lock. */
export async function updateInvoiceProgress(tx: TxCtx, before: InvoiceRow, changes: Partial<Pick<InvoiceColumns, (typeof PAYMENT_PROGRESS_COLUMNS)[number]>>) {
  const after = await billingDb(tx).updateTable('invoices')
    .set({ ...changes, updated_at: nowOf(tx), version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  assert(after, `invoice ${before.id} changed under a row lock`);
  return after;
}

export async function auditInvoice(tx: TxCtx, action: AuditAction, before: InvoiceDetail | null, after: InvoiceRow): Promise<InvoiceDetail> {
  const detail = await loadInvoiceDetail(tx, after);
  await recordAudit(tx, { action, entityType: 'invoice', entityId: after.id, before, after: detail });
  return detail;
}

/**
 * auditInvoice for a change to an issued invoice's payment progress (updateInvoiceProgress): its
 * lines are the ones read before the change, since lines can only be written while the invoice is
 * a draft (trigger), so they are not read again.
 */
export async function auditInvoiceProgress(tx: TxCtx, action: AuditAction, before: InvoiceDetail, after: InvoiceRow): Promise<InvoiceDetail> {
  assert(before.id === after.id && before.status !== 'draft', `invoice progress audited across invoices or on a draft (${before.id})`);
  const detail: InvoiceDetail = { ...toInvoice(after), lines: before.lines };
  await recordAudit(tx, { action, entityType: 'invoice', entityId: after.id, before, after: detail });
  return detail;
}

/** Mirrors the trigger: issued → paid | void, paid → issued (a reversed payment); void is final. */
export function isAllowedInvoiceTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return from === to || (from === 'issued' && (to === 'paid' || to === 'void')) || (from === 'paid' && to === 'issued');
}
