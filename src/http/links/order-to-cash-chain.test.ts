import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { cancelSubscription, draftInvoicesForSubscription, findSubscriptionOrder, getInvoice, getSubscription } from '../../billing/index.ts';
import { dispatchAll, makeOrderLine, makeOrderPlaced } from '../../billing/from-order/fixtures.ts';
import { registerAppSubscribers } from '../../cli/background-work.ts';
import { makeBookingRecorded } from '../../commissions/fixtures.ts';
import { clawBackCommission } from '../../commissions/index.ts';
import { createQuote } from '../../cpq/index.ts';
import { getAccount } from '../../crm/index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../../cpq/test-fixtures/seed.ts';
import { createUser } from '../../identity/index.ts';
import { inTransaction } from '../../shared/context.ts';
import { publishEvent } from '../../shared/events/index.ts';

// The automated chain of issue #4 after acceptance, through the real dispatcher and the app's
// registered subscribers: order.placed → subscription (+ first invoice), booking.recorded →
// commission, subscription.canceled → clawback; and the links graph over all of it. The events
// are published here as orders publishes them (one transaction, contract in docs/cpq.md).

let t: TestApp;
let repUserId: string;
let planId: string;

beforeAll(async () => {
  t = await createTestApp();
  registerAppSubscribers();
  repUserId = (await createUser(t.ctx, { email: 'ae@example.com', displayName: 'Alex AE', role: 'sales_rep', locale: 'en' })).id;
  const response = await t.request('finance', {
    method: 'POST', url: '/api/v1/commission-plans',
    payload: {
      name: 'AE FY26', effectiveFromDate: '2026-01-01', clawbackDays: 90, repUserIds: [repUserId],
      rates: [{ dealType: 'new', rateBps: 1000 }, { dealType: 'expansion', rateBps: 800 }, { dealType: 'renewal', basis: 'acv', rateBps: 500 }],
    },
  });
  expect(response.statusCode).toBe(201);
  planId = response.json<{ id: string }>().id;
});
afterAll(() => t.close());

type Deal = { accountId: string; opportunityId: string; quoteId: string };
async function makeQuotedDeal(type: 'new' | 'expansion' = 'new'): Promise<Deal> {
  const deal = await makeDeal(t.ctx, { ownerUserId: repUserId, currency: 'USD', type });
  const bookId = await makeBook(t.ctx, { currency: 'USD' });
  const seat = await makePricedProduct(t.ctx, bookId, { unitAmount: '49.00' });
  const quote = await createQuote(t.ctx, { opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seat.productId, quantity: 10 }] });
  return { ...deal, quoteId: quote.id };
}

/** What orders publishes on acceptance, in one transaction: order.placed and booking.recorded. */
async function placeOrder(order: Record<string, unknown>, booking: Record<string, unknown>): Promise<string> {
  const orderId = String(order['orderId']);
  await inTransaction(t.ctx, async (tx) => {
    await publishEvent(tx, { type: 'order.placed', aggregateType: 'order', aggregateId: orderId, payload: order });
    await publishEvent(tx, { type: 'booking.recorded', aggregateType: 'booking', aggregateId: String(booking['bookingId']), payload: booking });
  });
  await dispatchAll(t.ctx);
  return orderId;
}

const newOrder = (deal: Deal) => makeOrderPlaced(deal.accountId, {
  quoteId: deal.quoteId, opportunityId: deal.opportunityId, ownerUserId: repUserId,
  lines: [
    makeOrderLine({ productFamily: 'platform' }),
    makeOrderLine({ sku: 'ONBOARD', productName: 'Onboarding', productFamily: 'services', productType: 'one_time', periodMonths: null, quantity: 1, unitPriceMinor: '150000', netMinor: '150000', endDate: null }),
  ],
});
// First year: 12 × 10 × 49.00 = 5 880.00 of platform, 1 500.00 of services (one-time fees count in year one).
const newBooking = (deal: Deal, order: Record<string, unknown>) => makeBookingRecorded(deal, {
  bookingId: order['bookingId'], orderId: order['orderId'], quoteId: deal.quoteId, firstYearMinor: '738000', acvMinor: '738000', tcvMinor: '738000',
  lines: [{ productFamily: 'platform', acvMinor: '588000', firstYearMinor: '588000' }, { productFamily: 'services', acvMinor: '150000', firstYearMinor: '150000' }],
});

async function statement(period: string) {
  const response = await t.request('finance', { method: 'GET', url: `/api/v1/commissions/statements?repId=${repUserId}&period=${period}` });
  expect(response.statusCode).toBe(200);
  return response.json<{ entries: Array<{ id: string; kind: string; bookingId: string; amount: { amountMinor: number } }>; totals: unknown[] }>();
}

describe('order-to-cash chain after acceptance', () => {
  let dealA: Deal;
  let orderA: string;
  let subscriptionA: string;

  it('(a) new business: subscription with items, first invoice and 10 % commission, exact to the cent', async () => {
    dealA = await makeQuotedDeal();
    const order = newOrder(dealA);
    orderA = await placeOrder(order, newBooking(dealA, order));
    const link = await findSubscriptionOrder(t.ctx, orderA);
    subscriptionA = link!.subscriptionId;
    const subscription = await getSubscription(t.ctx, subscriptionA);
    expect(subscription.itemVersions.map((v) => [v.itemKey, v.quantity, v.unitPriceMinor, v.effectiveFromDate])).toEqual([
      ['ONBOARD', 1n, 150_000n, '2026-02-01'], ['PRO-SEAT', 10n, 4_900n, '2026-02-01'],
    ]);
    const [invoice] = await Promise.all(link!.invoiceIds.map((id) => getInvoice(t.ctx, id)));
    expect([invoice?.status, invoice?.totalMinor, invoice?.lines.map((l) => l.amountMinor)]).toEqual(['draft', 199_000n, [150_000n, 49_000n]]);
    const february = await statement('2026-02');
    expect(february.entries.map((e) => [e.kind, e.bookingId, e.amount.amountMinor])).toEqual([['accrual', order['bookingId'], 73_800]]);
    expect(february.totals).toEqual([{ currency: 'USD', accrued: { amountMinor: 73_800, currency: 'USD' }, clawedBack: { amountMinor: 0, currency: 'USD' }, net: { amountMinor: 73_800, currency: 'USD' } }]);
    const asRep = await t.request('sales_rep', { method: 'GET', url: `/api/v1/commissions/statements?repId=${repUserId}&period=2026-02` });
    expect(asRep.statusCode).toBe(403);
    // The first order made the account a customer from the day its service starts.
    expect((await getAccount(t.ctx, dealA.accountId)).customerSinceDate).toBe('2026-02-01');
  });

  it('links: the same deal graph from the quote, the order, the subscription and the invoice', async () => {
    const fromQuote = await t.request('finance', { method: 'GET', url: `/api/v1/quotes/${dealA.quoteId}/links` });
    expect(fromQuote.statusCode).toBe(200);
    const graph = fromQuote.json<{
      quotes: Array<{ id: string }>; orders: unknown[]; subscriptionChanges: Array<{ orderId: string; subscriptionId: string; action: string; firstInvoiceIds: string[] }>;
      bookingIds: string[]; subscriptions: Array<{ id: string }>; invoices: Array<{ id: string; total: { amountMinor: number } }>;
      commissionEntries: Array<{ id: string; amount: { amountMinor: number } }>; audit: Array<{ entityType: string; entityId: string; action: string }>;
    }>();
    expect(graph.quotes.map((q) => q.id)).toEqual([dealA.quoteId]);
    expect(graph.subscriptionChanges).toEqual([expect.objectContaining({ orderId: orderA, subscriptionId: subscriptionA, action: 'create' })]);
    expect(graph.subscriptions.map((s) => s.id)).toEqual([subscriptionA]);
    expect(graph.invoices.map((i) => [i.id, i.total.amountMinor])).toEqual([[graph.subscriptionChanges[0]?.firstInvoiceIds[0], 199_000]]);
    expect(graph.commissionEntries.map((e) => e.amount.amountMinor)).toEqual([73_800]);
    expect(graph.bookingIds).toHaveLength(1);
    const audited = new Set(graph.audit.map((a) => `${a.entityType}:${a.action}`));
    for (const expected of ['quote:create', 'subscription:create', 'subscription_order:create', 'commission_entry:accrue']) expect(audited).toContain(expected);
    for (const path of [`orders/${orderA}`, `subscriptions/${subscriptionA}`, `invoices/${graph.invoices[0]?.id}`]) {
      const other = await t.request('finance', { method: 'GET', url: `/api/v1/${path}/links` });
      expect(other.statusCode).toBe(200);
      const body = other.json<typeof graph>();
      expect([body.quotes, body.subscriptionChanges, body.subscriptions, body.commissionEntries]).toEqual([graph.quotes, graph.subscriptionChanges, graph.subscriptions, graph.commissionEntries]);
    }
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/orders/ord_missing/links' })).statusCode).toBe(404);
    expect((await t.request('sales_rep', { method: 'GET', url: `/api/v1/quotes/${dealA.quoteId}/links` })).statusCode).toBe(403);
  });

  it('(b) expansion: amends and co-terminates, drafts the prorated invoice to the next billing date, pays the expansion rate', async () => {
    await draftInvoicesForSubscription(t.ctx, { subscriptionId: subscriptionA, throughDate: '2026-05-01' }); // the billing run, before the expansion
    const deal = await makeQuotedDeal('expansion');
    const order = makeOrderPlaced(dealA.accountId, {
      quoteId: deal.quoteId, opportunityId: deal.opportunityId, orderType: 'expansion', amendsSubscriptionId: subscriptionA,
      startDate: '2026-05-10', endDate: '2027-05-10', lines: [makeOrderLine({ productFamily: 'platform', quantity: 5, startDate: '2026-05-10', endDate: '2027-05-10' })],
    });
    // An expansion's first year is priced for the added seats only: 5 × 49.00 × 12 = 2 940.00; 8 % = 235.20.
    await placeOrder(order, makeBookingRecorded(deal, {
      bookingId: order['bookingId'], orderId: order['orderId'], bookingType: 'expansion', bookedDate: '2026-04-28',
      lines: [{ productFamily: 'platform', acvMinor: '294000', firstYearMinor: '294000' }],
    }));
    const link = await findSubscriptionOrder(t.ctx, String(order['orderId']));
    expect(link).toMatchObject({ action: 'amend', subscriptionId: subscriptionA });
    const subscription = await getSubscription(t.ctx, subscriptionA);
    expect(subscription.endDate).toBe('2027-02-01');
    expect(subscription.itemVersions.filter((v) => v.itemKey === 'PRO-SEAT').map((v) => [v.quantity, v.effectiveFromDate, v.effectiveToDate]))
      .toEqual([[10n, '2026-02-01', '2026-05-10'], [15n, '2026-05-10', null]]);
    // 22 of May's 31 days for 5 more seats: 15 × 49.00 × 22/31 = 521.61 less 10 × 49.00 × 22/31 = 347.74 → 173.87.
    const [invoice] = await Promise.all(link!.invoiceIds.map((id) => getInvoice(t.ctx, id)));
    expect([invoice?.totalMinor, invoice?.lines.map((l) => l.amountMinor)]).toEqual([17_387n, [-34_774n, 52_161n]]);
    const april = await statement('2026-04');
    expect(april.entries.map((e) => [e.kind, e.amount.amountMinor])).toEqual([['accrual', 23_520]]);
  });

  it('(c) a cancellation within the clawback window reverses the commission; after it, nothing', async () => {
    const early = await makeQuotedDeal();
    const earlyOrder = newOrder(early);
    await placeOrder(earlyOrder, newBooking(early, earlyOrder));
    const late = await makeQuotedDeal();
    const lateOrder = newOrder(late);
    await placeOrder(lateOrder, newBooking(late, lateOrder));
    const earlySubscription = (await findSubscriptionOrder(t.ctx, String(earlyOrder['orderId'])))!.subscriptionId;
    const lateSubscription = (await findSubscriptionOrder(t.ctx, String(lateOrder['orderId'])))!.subscriptionId;

    t.clock.set('2026-03-15T10:00:00Z'); // 42 days after booking: inside 90
    await cancelSubscription(t.ctx, { id: earlySubscription });
    await dispatchAll(t.ctx);
    const march = await statement('2026-03');
    expect(march.entries.map((e) => [e.kind, e.bookingId, e.amount.amountMinor])).toEqual([['clawback', earlyOrder['bookingId'], -73_800]]);

    t.clock.set('2026-06-01T10:00:00Z'); // 120 days after booking: outside 90
    await cancelSubscription(t.ctx, { id: lateSubscription });
    await dispatchAll(t.ctx);
    expect((await statement('2026-06')).entries).toEqual([]);
    // Replaying the early cancellation (a second event, a retried saga) finds the accrual already reversed.
    const replay = await inTransaction(t.ctx, (tx) => clawBackCommission(tx, { subscriptionId: earlySubscription, canceledAt: '2026-03-15T10:00:00Z', endDate: '2026-03-15' }));
    expect(replay).toEqual([]);
    // The February statement is untouched: corrections are new entries, never rewrites.
    expect((await statement('2026-02')).entries.filter((e) => e.bookingId === earlyOrder['bookingId']).map((e) => e.kind)).toEqual(['accrual']);
    expect(planId).toMatch(/^cpl_/);
  });
});
