import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf, paymentsDb } from '../tables.ts';

// The only code writing collection_notes and payment_promises.

export type CollectionNote = { id: string; accountId: string; invoiceId: string | null; body: string; contacted: boolean; authorId: string; createdAt: string };
export type PaymentPromise = { id: string; accountId: string; invoiceId: string | null; promisedDate: string; currency: string; amountMinor: bigint; note: string | null; authorId: string; createdAt: string };

export async function insertNote(tx: TxCtx, note: Omit<CollectionNote, 'id' | 'createdAt' | 'authorId'>): Promise<CollectionNote> {
  const row = await paymentsDb(tx).insertInto('collection_notes').values({
    id: newId('note', tx.clock.now().epochMilliseconds), account_id: note.accountId, invoice_id: note.invoiceId, body: note.body, contacted: note.contacted,
    author_id: tx.actor.id, created_at: nowOf(tx),
  }).returningAll().executeTakeFirstOrThrow();
  const saved: CollectionNote = { id: row.id, accountId: row.account_id, invoiceId: row.invoice_id, body: row.body, contacted: row.contacted, authorId: row.author_id, createdAt: row.created_at.toISOString() };
  await recordAudit(tx, { action: 'create', entityType: 'collection_note', entityId: row.id, before: null, after: saved });
  return saved;
}

export async function insertPromise(tx: TxCtx, promise: Omit<PaymentPromise, 'id' | 'createdAt' | 'authorId'>): Promise<PaymentPromise> {
  const row = await paymentsDb(tx).insertInto('payment_promises').values({
    id: newId('ptp', tx.clock.now().epochMilliseconds), account_id: promise.accountId, invoice_id: promise.invoiceId, promised_date: promise.promisedDate,
    currency: promise.currency, amount_minor: promise.amountMinor, note: promise.note, author_id: tx.actor.id, created_at: nowOf(tx),
  }).returningAll().executeTakeFirstOrThrow();
  const saved = toPromise(row);
  await recordAudit(tx, { action: 'create', entityType: 'payment_promise', entityId: row.id, before: null, after: saved });
  return saved;
}

function toPromise(row: { id: string; account_id: string; invoice_id: string | null; promised_date: string; currency: string; amount_minor: bigint; note: string | null; author_id: string; created_at: Date }): PaymentPromise {
  return {
    id: row.id, accountId: row.account_id, invoiceId: row.invoice_id, promisedDate: row.promised_date, currency: row.currency, amountMinor: row.amount_minor,
    note: row.note, authorId: row.author_id, createdAt: row.created_at.toISOString(),
  };
}

/** Promises whose date has not passed on `date`: for a whole account (no invoice) or for one invoice. */
export async function findActivePromises(ctx: Ctx, date: string): Promise<{ accounts: Set<string>; invoices: Set<string> }> {
  const rows = await paymentsDb(ctx).selectFrom('payment_promises').select(['account_id', 'invoice_id']).where('promised_date', '>=', date).execute();
  return {
    accounts: new Set(rows.filter((row) => row.invoice_id === null).map((row) => row.account_id)),
    invoices: new Set(rows.flatMap((row) => (row.invoice_id === null ? [] : [row.invoice_id]))),
  };
}

export async function notesOfAccounts(ctx: Ctx, accountIds: readonly string[]): Promise<CollectionNote[]> {
  if (accountIds.length === 0) return [];
  const rows = await paymentsDb(ctx).selectFrom('collection_notes').selectAll().where('account_id', 'in', [...accountIds]).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({ id: row.id, accountId: row.account_id, invoiceId: row.invoice_id, body: row.body, contacted: row.contacted, authorId: row.author_id, createdAt: row.created_at.toISOString() }));
}

export async function promisesOfAccounts(ctx: Ctx, accountIds: readonly string[]): Promise<PaymentPromise[]> {
  if (accountIds.length === 0) return [];
  const rows = await paymentsDb(ctx).selectFrom('payment_promises').selectAll().where('account_id', 'in', [...accountIds]).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toPromise);
}
