import type { Insertable } from 'kysely';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { billingDb, nowOf, withConstraintErrors } from './billing-db.ts';
import type { Payment, PaymentAllocation } from './payment-schema.ts';
import type { PaymentRow, PaymentsTable } from './tables.ts';

// The only code writing payments and payment_allocations.

// booked_date is not a column imports or recording set: only bookImportedPayment (settlement/) writes it.
export type PaymentColumns = Required<Omit<Insertable<PaymentsTable>, 'id' | 'created_at' | 'updated_at' | 'version' | 'booked_date'>>;

export function toPayment(row: PaymentRow, allocations: PaymentAllocation[]): Payment {
  return {
    id: row.id,
    accountId: row.account_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    receivedAt: row.received_at.toISOString(),
    method: row.method,
    reference: row.reference,
    status: row.status,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    allocations,
  };
}

export async function findImportedPaymentRow(tx: TxCtx, sourceSystem: string, externalId: string) {
  return billingDb(tx).selectFrom('payments').selectAll()
    .where('source_system', '=', sourceSystem).where('external_id', '=', externalId).forUpdate().executeTakeFirst();
}

/** Allocations of several payments at once (one query per page of payments). */
export async function loadAllocations(ctx: Ctx, paymentIds: readonly string[]): Promise<Map<string, PaymentAllocation[]>> {
  const byPayment = new Map<string, PaymentAllocation[]>(paymentIds.map((id) => [id, []]));
  if (paymentIds.length === 0) return byPayment;
  const rows = await billingDb(ctx).selectFrom('payment_allocations').select(['payment_id', 'invoice_id', 'amount_minor'])
    .where('payment_id', 'in', [...paymentIds]).orderBy('payment_id').orderBy('invoice_id').execute();
  for (const row of rows) byPayment.get(row.payment_id)?.push({ invoiceId: row.invoice_id, amountMinor: row.amount_minor });
  return byPayment;
}

/** Invoices imported from one source, by their external ids, for allocations. */
export async function findImportedInvoiceRefs(ctx: Ctx, sourceSystem: string, externalIds: readonly string[]) {
  if (externalIds.length === 0) return [];
  return billingDb(ctx).selectFrom('invoices').select(['id', 'external_id', 'currency'])
    .where('source_system', '=', sourceSystem).where('external_id', 'in', [...externalIds]).execute();
}

export async function insertPayment(tx: TxCtx, id: string, columns: PaymentColumns) {
  const now = nowOf(tx);
  return withConstraintErrors(
    billingDb(tx).insertInto('payments').values({ ...columns, id, created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
}

/** Compare-and-set on version; the caller holds the row lock. */
export async function updatePaymentRow(tx: TxCtx, before: PaymentRow, changes: Partial<PaymentColumns>) {
  const after = await billingDb(tx).updateTable('payments')
    .set({ ...changes, updated_at: nowOf(tx), version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  assert(after, `payment ${before.id} changed under a row lock`);
  return after;
}

export async function deleteAllocations(tx: TxCtx, paymentId: string): Promise<void> {
  await billingDb(tx).deleteFrom('payment_allocations').where('payment_id', '=', paymentId).execute();
}

export async function insertAllocations(tx: TxCtx, payment: PaymentRow, allocations: readonly PaymentAllocation[]): Promise<void> {
  if (allocations.length === 0) return;
  const now = nowOf(tx);
  await billingDb(tx).insertInto('payment_allocations').values(allocations.map((allocation) => ({
    payment_id: payment.id, invoice_id: allocation.invoiceId, currency: payment.currency, amount_minor: allocation.amountMinor, created_at: now, updated_at: now,
  }))).execute();
}

/** auditPayment for a payment just inserted: a new id has no allocations yet, so none are read. */
export async function auditNewPayment(tx: TxCtx, action: AuditAction, row: PaymentRow): Promise<Payment> {
  const payment = toPayment(row, []);
  await recordAudit(tx, { action, entityType: 'payment', entityId: row.id, before: null, after: payment });
  return payment;
}

export async function auditPayment(tx: TxCtx, action: AuditAction, before: Payment | null, after: PaymentRow): Promise<Payment> {
  const allocations = (await loadAllocations(tx, [after.id])).get(after.id) ?? [];
  const payment = toPayment(after, allocations);
  await recordAudit(tx, { action, entityType: 'payment', entityId: after.id, before, after: payment });
  return payment;
}
