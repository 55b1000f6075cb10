import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import type { Reversal } from './schema.ts';
import { nowOf, paymentsDb, type ReceiptRow, type ReversalKind, type ReversalRow } from './tables.ts';

// The only code writing payment_receipts and payment_reversals.

export async function insertReceipt(tx: TxCtx, row: Omit<ReceiptRow, 'created_at'>): Promise<ReceiptRow> {
  const inserted = await paymentsDb(tx).insertInto('payment_receipts').values({ ...row, created_at: nowOf(tx) }).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'create', entityType: 'payment_receipt', entityId: row.payment_id, before: null, after: inserted });
  return inserted;
}

/** The receipt with its row lock: every change to a payment's application starts here, so two never interleave. */
export async function lockReceipt(tx: TxCtx, paymentId: string): Promise<ReceiptRow | undefined> {
  return paymentsDb(tx).selectFrom('payment_receipts').selectAll().where('payment_id', '=', paymentId).forUpdate().executeTakeFirst();
}

export async function findReceipt(ctx: Ctx, paymentId: string): Promise<ReceiptRow | undefined> {
  return paymentsDb(ctx).selectFrom('payment_receipts').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

export async function findReceiptByImportKey(ctx: Ctx, importKey: string): Promise<ReceiptRow | undefined> {
  return paymentsDb(ctx).selectFrom('payment_receipts').selectAll().where('import_key', '=', importKey).executeTakeFirst();
}

export type NewReversal = { paymentId: string; kind: ReversalKind; currency: string; amountMinor: bigint; date: string; reason: string | null; journalEntryId: string };

export async function insertReversal(tx: TxCtx, input: NewReversal): Promise<Reversal> {
  const row = await paymentsDb(tx).insertInto('payment_reversals').values({
    id: newId('rfd', tx.clock.now().epochMilliseconds),
    payment_id: input.paymentId,
    kind: input.kind,
    currency: input.currency,
    amount_minor: input.amountMinor,
    reversal_date: input.date,
    reason: input.reason,
    journal_entry_id: input.journalEntryId,
    created_at: nowOf(tx),
  }).returningAll().executeTakeFirstOrThrow();
  const reversal = toReversal(row);
  await recordAudit(tx, { action: input.kind, entityType: 'payment', entityId: input.paymentId, before: null, after: reversal });
  return reversal;
}

export async function loadReversals(ctx: Ctx, paymentId: string): Promise<Reversal[]> {
  const rows = await paymentsDb(ctx).selectFrom('payment_reversals').selectAll().where('payment_id', '=', paymentId).orderBy('reversal_date').orderBy('created_at').orderBy('id').execute();
  return rows.map(toReversal);
}

function toReversal(row: ReversalRow): Reversal {
  return {
    id: row.id, kind: row.kind, amountMinor: row.amount_minor, currency: row.currency, date: row.reversal_date,
    reason: row.reason, journalEntryId: row.journal_entry_id,
  };
}

/** Audit of a change to a payment's application (apply / unapply), with allocations before and after. */
export async function auditApplication(tx: TxCtx, action: AuditAction, paymentId: string, before: unknown, after: unknown): Promise<void> {
  await recordAudit(tx, { action, entityType: 'payment', entityId: paymentId, before, after });
}
