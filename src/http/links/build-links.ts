import { listAuditEntries, type AuditEntryItem } from '../../audit/index.ts';
import {
  findSubscriptionOrder, getInvoice, getSubscription, listInvoices, listOrdersOfSubscription, listSubscriptionOrdersOfQuote,
  type Invoice, type Subscription, type SubscriptionOrder,
} from '../../billing/index.ts';
import { listEntriesOfDeals, type CommissionEntry } from '../../commissions/index.ts';
import { findRecordNames } from '../../crm/index.ts';
import { getQuote, type Quote } from '../../cpq/index.ts';
import { findOrderByQuote, getOrder, type Order } from '../../orders/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';

export const LINK_ROOTS = ['quote', 'order', 'subscription', 'invoice'] as const;
export type LinkRoot = (typeof LINK_ROOTS)[number];

/** Everything one deal produced, reachable from any of its records (issue #4, chain step 7). */
export type DealLinks = {
  root: { type: LinkRoot; id: string };
  /** Each with the name of its opportunity (the deal a reader knows it by), null when unreadable. */
  quotes: Array<Quote & { opportunityName: string | null }>;
  /** The orders placed from the quotes (orders domain), with their bookings. */
  orders: Order[];
  /** What each order did to a subscription (created or amended it) and its first invoices. */
  subscriptionChanges: SubscriptionOrder[];
  bookingIds: string[];
  subscriptions: Subscription[];
  invoices: Invoice[];
  commissionEntries: CommissionEntry[];
  audit: AuditEntryItem[];
};

const AUDIT_PER_RECORD = 200;
const INVOICES_PER_SUBSCRIPTION = 500;
const unique = <T>(values: ReadonlyArray<T | null | undefined>): T[] => [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];

/** The order links (order → subscription) a root leads to; the root itself must exist and be visible. */
async function seedOrders(ctx: Ctx, type: LinkRoot, id: string): Promise<{ orders: SubscriptionOrder[]; quoteIds: string[]; subscriptionIds: string[] }> {
  if (type === 'quote') {
    await getQuote(ctx, id);
    return { orders: await listSubscriptionOrdersOfQuote(ctx, id), quoteIds: [id], subscriptionIds: [] };
  }
  if (type === 'order') {
    const [placed, change] = await Promise.all([findPlacedOrder(ctx, id), findSubscriptionOrder(ctx, id)]);
    if (!placed && !change) throw notFound('order', id);
    return { orders: change ? [change] : [], quoteIds: placed ? [placed.quoteId] : [], subscriptionIds: [] };
  }
  const subscriptionId = type === 'subscription' ? id : (await getInvoice(ctx, id)).subscriptionId;
  if (subscriptionId === null) return { orders: [], quoteIds: [], subscriptionIds: [] };
  return { orders: await listOrdersOfSubscription(ctx, subscriptionId), quoteIds: [], subscriptionIds: [subscriptionId] };
}

/** An order the actor may see, or null (an order id known to billing may predate or lie outside the orders table). */
async function findPlacedOrder(ctx: Ctx, id: string): Promise<Order | null> {
  try {
    return await getOrder(ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

async function invoicesOf(ctx: Ctx, subscriptionIds: readonly string[], rootInvoiceId: string | null): Promise<Invoice[]> {
  const pages = await Promise.all(subscriptionIds.map((subscriptionId) => listInvoices(ctx, { subscriptionId, limit: INVOICES_PER_SUBSCRIPTION })));
  const invoices = pages.flatMap((page) => page.data);
  if (rootInvoiceId !== null && !invoices.some((invoice) => invoice.id === rootInvoiceId)) invoices.push(await getInvoice(ctx, rootInvoiceId));
  return invoices.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every audit entry of every record in the graph, oldest first. */
async function auditOf(ctx: Ctx, entityIds: readonly string[]): Promise<AuditEntryItem[]> {
  const pages = await Promise.all(entityIds.map((entityId) => listAuditEntries(ctx, { entityId, limit: AUDIT_PER_RECORD })));
  return pages.flatMap((page) => page.data).sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
}

/**
 * The deal graph around one record: quote ⇄ order ⇄ subscription ⇄ invoices, the booking and the
 * commission entries, and the audit trail of each. From a subscription (or one of its invoices)
 * the graph holds every order that created or amended it; from a quote or order, that deal's.
 */
export async function buildDealLinks(ctx: Ctx, type: LinkRoot, id: string): Promise<DealLinks> {
  const seed = await seedOrders(ctx, type, id);
  const quoteIds = unique([...seed.quoteIds, ...seed.orders.map((order) => order.quoteId)]);
  const subscriptionIds = unique([...seed.subscriptionIds, ...seed.orders.map((order) => order.subscriptionId)]);
  const [quotes, placed, subscriptions, invoices] = await Promise.all([
    Promise.all(quoteIds.map((quoteId) => getQuote(ctx, quoteId))),
    Promise.all(quoteIds.map((quoteId) => findOrderByQuote(ctx, quoteId))),
    Promise.all(subscriptionIds.map((subscriptionId) => getSubscription(ctx, subscriptionId))),
    invoicesOf(ctx, subscriptionIds, type === 'invoice' ? id : null),
  ]);
  const orders = placed.filter((order): order is Order => order !== null);
  const names = await findRecordNames(ctx, { accounts: [], opportunities: quotes.map((quote) => quote.opportunityId) });
  const orderIds = unique([...orders.map((order) => order.id), ...seed.orders.map((order) => order.orderId)]);
  const commissionEntries = await listEntriesOfDeals(ctx, { orderIds, bookingIds: unique(orders.map((order) => order.booking?.id)) });
  const bookingIds = unique([...orders.map((order) => order.booking?.id), ...commissionEntries.map((entry) => entry.bookingId)]);
  const audit = await auditOf(ctx, unique([
    ...quoteIds, ...orderIds, ...bookingIds, ...subscriptionIds, ...invoices.map((invoice) => invoice.id), ...commissionEntries.map((entry) => entry.id),
  ]));
  const subscriptionSummaries = subscriptions.map(({ itemVersions: _items, pauses: _pauses, ...subscription }) => subscription);
  return {
    root: { type, id }, quotes: quotes.map((quote) => ({ ...quote, opportunityName: names.opportunities.get(quote.opportunityId) ?? null })), orders, subscriptionChanges: seed.orders, bookingIds, subscriptions: subscriptionSummaries, invoices, commissionEntries, audit,
  };
}
