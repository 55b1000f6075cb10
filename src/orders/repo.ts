import { sql, type Insertable, type Kysely } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { assert, notFound } from '../shared/errors.ts';
import type { BookingRow, BookingsTable, OrderLineRow, OrderLinesTable, OrderRow, OrdersTable, OrderTables, ProvisioningStatus } from './tables.ts';

/** The only module that touches orders, order_lines and bookings; every write writes its audit row. */

export function ordersDb(ctx: Ctx): Kysely<SharedTables & OrderTables> {
  return ctx.db.withTables<OrderTables>();
}

export async function findOrderRow(ctx: Ctx, scope: OwnerScope | null, id: string, lock?: 'update'): Promise<OrderRow | undefined> {
  let query = ordersDb(ctx).selectFrom('orders').selectAll().where('id', '=', id);
  if (scope !== null) query = query.where(ownerCondition(scope, 'orders.owner_user_id'));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** 404 whether missing or outside the scope: existence must not leak. */
export async function getOrderRow(ctx: Ctx, scope: OwnerScope | null, id: string, lock?: 'update'): Promise<OrderRow> {
  const row = await findOrderRow(ctx, scope, id, lock);
  if (!row) throw notFound('order', id);
  return row;
}

export async function findOrderRowByQuote(ctx: Ctx, quoteId: string): Promise<OrderRow | undefined> {
  return ordersDb(ctx).selectFrom('orders').selectAll().where('quote_id', '=', quoteId).executeTakeFirst();
}

export type OrderFilter = { accountId?: string | undefined; opportunityId?: string | undefined; quoteId?: string | undefined; provisioningStatus?: ProvisioningStatus | undefined };

export async function findOrderRows(ctx: Ctx, scope: OwnerScope, filter: OrderFilter, page: { limit: number; afterId: string | null }): Promise<OrderRow[]> {
  let query = ordersDb(ctx).selectFrom('orders').selectAll().where(ownerCondition(scope, 'orders.owner_user_id'));
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.opportunityId !== undefined) query = query.where('opportunity_id', '=', filter.opportunityId);
  if (filter.quoteId !== undefined) query = query.where('quote_id', '=', filter.quoteId);
  if (filter.provisioningStatus !== undefined) query = query.where('provisioning_status', '=', filter.provisioningStatus);
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  // Ids are ULIDs: id order is creation order and the id alone is a keyset.
  return query.orderBy('id').limit(page.limit).execute();
}

export async function findOrderLineRows(ctx: Ctx, orderId: string): Promise<OrderLineRow[]> {
  return ordersDb(ctx).selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_number').execute();
}

export async function findBookingRow(ctx: Ctx, orderId: string): Promise<BookingRow | undefined> {
  return ordersDb(ctx).selectFrom('bookings').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

/** Gapless order numbers: the next one is taken under a lock held until commit (a rollback frees it). */
export async function nextOrderNumber(tx: TxCtx): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('revline.orders.number'))`.execute(tx.db);
  const row = await ordersDb(tx).selectFrom('orders').select((eb) => eb.fn.max('order_number').as('highest')).executeTakeFirst();
  return Number(row?.highest ?? 0) + 1;
}

/** The order and its lines as stored (lines in line order: what findOrderLineRows would read back). */
export async function insertOrder(tx: TxCtx, order: Insertable<OrdersTable>, lines: Insertable<OrderLinesTable>[]): Promise<{ order: OrderRow; lines: OrderLineRow[] }> {
  const inserted = await ordersDb(tx).insertInto('orders').values(order).returningAll().executeTakeFirstOrThrow();
  const insertedLines = lines.length === 0 ? [] : await ordersDb(tx).insertInto('order_lines').values(lines).returningAll().execute();
  insertedLines.sort((a, b) => a.line_number - b.line_number);
  await recordAudit(tx, { action: 'create', entityType: 'order', entityId: inserted.id, before: null, after: { ...inserted, lines: insertedLines } });
  return { order: inserted, lines: insertedLines };
}

export async function insertBooking(tx: TxCtx, booking: Insertable<BookingsTable>): Promise<BookingRow> {
  const inserted = await ordersDb(tx).insertInto('bookings').values(booking).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'create', entityType: 'booking', entityId: inserted.id, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock (getOrderRow 'update'). */
export async function updateOrderRow(tx: TxCtx, before: OrderRow, changes: Partial<Insertable<OrdersTable>>, action: AuditAction): Promise<OrderRow> {
  const after = await ordersDb(tx).updateTable('orders')
    .set({ ...changes, updated_at: new Date(tx.clock.now().epochMilliseconds), version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  assert(after, `order ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'order', entityId: before.id, before, after });
  return after;
}
