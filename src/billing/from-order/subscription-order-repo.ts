import { sql, type Selectable } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { CalendarDate, Json, Timestamp } from '../../shared/db/tables.ts';
import { nowOf } from '../billing-db.ts';

// The only code touching subscription_orders (migration 202611230160): which order created or
// amended which subscription, and the first-invoice drafts requested for it.

export type SubscriptionOrdersTable = {
  order_id: string;
  subscription_id: string;
  action: 'create' | 'amend';
  order_type: 'new' | 'expansion' | 'renewal';
  quote_id: string | null;
  opportunity_id: string | null;
  account_id: string;
  effective_date: CalendarDate;
  invoice_ids: Json;
  created_at: Timestamp;
};
export type FromOrderTables = { subscription_orders: SubscriptionOrdersTable };

/** What an order did to a subscription. */
export type SubscriptionOrder = {
  orderId: string;
  subscriptionId: string;
  action: 'create' | 'amend';
  orderType: 'new' | 'expansion' | 'renewal';
  quoteId: string | null;
  opportunityId: string | null;
  accountId: string;
  effectiveDate: string;
  invoiceIds: string[];
  createdAt: string;
};

const db = (ctx: Ctx) => ctx.db.withTables<FromOrderTables>();

function toSubscriptionOrder(row: Selectable<SubscriptionOrdersTable>): SubscriptionOrder {
  return {
    orderId: row.order_id,
    subscriptionId: row.subscription_id,
    action: row.action,
    orderType: row.order_type,
    quoteId: row.quote_id,
    opportunityId: row.opportunity_id,
    accountId: row.account_id,
    effectiveDate: row.effective_date,
    invoiceIds: (row.invoice_ids as unknown[]).map(String),
    createdAt: row.created_at.toISOString(),
  };
}

/** A second writer for the same order fails on the primary key, rolls back, and on retry finds this row. */
export async function findSubscriptionOrder(ctx: Ctx, orderId: string): Promise<SubscriptionOrder | undefined> {
  const row = await db(ctx).selectFrom('subscription_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row ? toSubscriptionOrder(row) : undefined;
}

export async function listOrdersOfSubscription(ctx: Ctx, subscriptionId: string): Promise<SubscriptionOrder[]> {
  const rows = await db(ctx).selectFrom('subscription_orders').selectAll().where('subscription_id', '=', subscriptionId)
    .orderBy('created_at').orderBy('order_id').execute();
  return rows.map(toSubscriptionOrder);
}

export async function listSubscriptionOrdersOfQuote(ctx: Ctx, quoteId: string): Promise<SubscriptionOrder[]> {
  const rows = await db(ctx).selectFrom('subscription_orders').selectAll().where('quote_id', '=', quoteId).orderBy('created_at').execute();
  return rows.map(toSubscriptionOrder);
}

/** The orders whose first-invoice drafts include this invoice. */
export async function findSubscriptionOrderOfInvoice(ctx: Ctx, invoiceId: string): Promise<SubscriptionOrder | undefined> {
  const row = await db(ctx).selectFrom('subscription_orders').selectAll()
    .where(sql<boolean>`invoice_ids @> ${JSON.stringify([invoiceId])}::jsonb`).executeTakeFirst();
  return row ? toSubscriptionOrder(row) : undefined;
}

/** Inserts the link (order_id is the primary key: at most once per order) and audits it. */
export async function insertSubscriptionOrder(tx: TxCtx, link: Omit<SubscriptionOrder, 'createdAt'>): Promise<SubscriptionOrder> {
  const row = await db(tx).insertInto('subscription_orders').values({
    order_id: link.orderId,
    subscription_id: link.subscriptionId,
    action: link.action,
    order_type: link.orderType,
    quote_id: link.quoteId,
    opportunity_id: link.opportunityId,
    account_id: link.accountId,
    effective_date: link.effectiveDate,
    invoice_ids: JSON.stringify(link.invoiceIds),
    created_at: nowOf(tx),
  }).returningAll().executeTakeFirstOrThrow();
  const saved = toSubscriptionOrder(row);
  await recordAudit(tx, { action: 'create', entityType: 'subscription_order', entityId: saved.orderId, before: null, after: saved });
  return saved;
}
