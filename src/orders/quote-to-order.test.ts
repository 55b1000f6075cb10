import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { approveQuoteRequest, createApprovalRule, createQuote, submitQuote } from '../cpq/index.ts';
import { createCpqTestApp } from '../cpq/test-fixtures/cpq-test-app.ts';
import { auditTrail, makeActor, makeBook, makeDeal, makePricedProduct } from '../cpq/test-fixtures/seed.ts';
import { getStage, listStageHistory, updateStage } from '../crm/index.ts';
import { inTransaction, withActor } from '../shared/context.ts';
import { defaultSubscriberRegistry, dispatchDueDeliveries, registerSubscriber } from '../shared/events/index.ts';
import { placeOrderFromQuote } from './place-order.ts';
import type { Order } from './schema.ts';
import type { OrderTables } from './tables.ts';
import { orderFromQuoteSubscriber } from './subscriber.ts';

/**
 * The chain from quote to order (docs/cpq.md): EUR, 24 months from 2026-02-01.
 * - Seats, 30.00 per seat-month, ramp 10 / 20, 10 % off: list 3,600.00 + 7,200.00, net 3,240.00 + 6,480.00.
 * - Onboarding, one-time 1,500.00.
 * TCV 11,220.00; ACV 11,220.00 × 12 ÷ 24 = 5,610.00; first year 3,240.00 + 1,500.00 = 4,740.00;
 * MRR 3,240.00 ÷ 12 = 270.00, ARR 3,240.00. Line ACVs: 5,610.00 split 9,720 : 1,500 = 4,860.00 + 750.00.
 */
describe('quote → approval → send → public acceptance → order, booking, provisioning', () => {
  let t: TestApp;
  let bookId = '';
  let seatId = '';
  let onboardingId = '';

  const drain = async () => {
    for (let i = 0; i < 10; i += 1) if ((await dispatchDueDeliveries(t.ctx, { registry: defaultSubscriberRegistry, random: () => 0.5 })).claimed === 0) return;
  };
  const orderRows = (quoteId: string) => t.ctx.db.withTables<OrderTables>().selectFrom('orders').selectAll().where('quote_id', '=', quoteId).execute();
  const eventsOf = (type: string) => t.ctx.db.selectFrom('outbox_events').select(['aggregate_id', 'payload']).where('type', '=', type).orderBy('occurred_at').orderBy('id').execute();

  async function acceptedQuote() {
    const deal = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, {
      opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 24, language: 'de',
      lines: [
        { productId: seatId, ramp: [{ year: 1, quantity: 10 }, { year: 2, quantity: 20 }], discount: { percentBps: 1000 } },
        { productId: onboardingId, quantity: 1 },
      ],
    });
    const submitted = await submitQuote(t.ctx, { id: quote.id });
    expect(submitted.quote.status).toBe('pending_approval');
    const manager = await makeActor(t.ctx, 'sales_manager');
    for (const request of submitted.approvalRequests) await approveQuoteRequest(withActor(t.ctx, manager), { quoteId: quote.id, requestId: request.id });
    const sent = await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/send` });
    expect(sent.statusCode, sent.body).toBe(200);
    const { acceptanceLink } = sent.json() as { acceptanceLink: { token: string } };
    const page = (await t.request(null, { method: 'GET', url: `/api/v1/public/quotes/${acceptanceLink.token}` })).json() as { document: { sha256: string } };
    const accepted = await t.request(null, {
      method: 'POST', url: `/api/v1/public/quotes/${acceptanceLink.token}/accept`,
      payload: { name: 'Maria Rossi', email: 'maria@customer.example', signature: { kind: 'typed', text: 'Maria Rossi' }, documentSha256: page.document.sha256 },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    return { quote, deal };
  }

  beforeAll(async () => {
    t = await createCpqTestApp();
    registerSubscriber(orderFromQuoteSubscriber);
    bookId = await makeBook(t.ctx);
    seatId = (await makePricedProduct(t.ctx, bookId, { unitAmount: '30.00' }, { name: 'Seats', family: 'platform' })).productId;
    onboardingId = (await makePricedProduct(t.ctx, bookId, { billingPeriod: 'one_time', pricingModel: 'flat', unitAmount: '1500.00' }, { name: 'Onboarding', family: 'services' })).productId;
    await createApprovalRule(t.ctx, { name: 'Discount over 5 %', condition: { metric: 'maxLineDiscountBps', op: '>', value: 500 }, approverRole: 'sales_manager' });
  });
  afterAll(() => t.close());

  it('closes the opportunity won, books exact amounts, places the order and requests provisioning', async () => {
    const { quote, deal } = await acceptedQuote();
    await drain();

    const opportunity = await t.request('revops', { method: 'GET', url: `/api/v1/opportunities/${deal.opportunityId}` });
    expect(opportunity.json()).toMatchObject({ stage: 'closed_won', status: 'won', amount: { amountMinor: 1_122_000, currency: 'EUR' } });
    const history = await listStageHistory(t.ctx, deal.opportunityId);
    expect(history.at(-1)).toMatchObject({ stage: 'closed_won', amountAtEntry: { amountMinor: 1_122_000, currency: 'EUR' }, actorId: 'system' });

    const list = await t.request('finance', { method: 'GET', url: `/api/v1/orders?quoteId=${quote.id}` });
    expect(list.statusCode, list.body).toBe(200);
    const [summary] = (list.json() as { data: Array<{ id: string }> }).data;
    const order = (await t.request('finance', { method: 'GET', url: `/api/v1/orders/${summary?.id}` })).json() as Order;
    const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
    expect(order).toMatchObject({
      orderNumber: 'ORD-000001', quoteId: quote.id, opportunityId: deal.opportunityId, orderType: 'new', startDate: '2026-02-01', endDate: '2028-02-01',
      totals: { tcv: eur(1_122_000), acv: eur(561_000), firstYear: eur(474_000), oneTime: eur(150_000), mrr: eur(27_000), arr: eur(324_000) },
      provisioning: { status: 'requested', requests: 1 },
    });
    expect(order.lines.map((l) => [l.productName, l.quantity, l.startDate, l.endDate, l.net.amountMinor, l.unitPrice.amountMinor, l.discountBps, l.periods.length])).toEqual([
      ['Seats', 10, '2026-02-01', '2027-02-01', 324_000, 2_700, 1000, 12],
      ['Seats', 20, '2027-02-01', '2028-02-01', 648_000, 2_700, 1000, 12],
      ['Onboarding', 1, '2026-02-01', null, 150_000, 150_000, 0, 1],
    ]);
    expect(order.lines[0]?.periods[0]).toEqual({ startDate: '2026-02-01', endDate: '2026-03-01', amount: eur(27_000) });
    expect(order.booking).toMatchObject({
      bookingType: 'new', tcv: eur(1_122_000), acv: eur(561_000), firstYear: eur(474_000), arrChange: eur(324_000), bookedDate: '2026-01-15',
      lines: [{ productFamily: 'platform', acv: eur(486_000), firstYear: eur(324_000) }, { productFamily: 'services', acv: eur(75_000), firstYear: eur(150_000) }],
    });

    const [placed] = (await eventsOf('order.placed')).filter((e) => e.aggregate_id === order.id);
    expect(placed?.payload).toMatchObject({
      orderId: order.id, quoteId: quote.id, currency: 'EUR', orderType: 'new', amendsSubscriptionId: null, termMonths: 24,
      lines: [{ sku: expect.any(String), productType: 'subscription', billingPeriod: 'monthly', periodMonths: 1, billingTiming: 'in_advance', quantity: 10, netMinor: '324000', unitPriceMinor: '2700' }, {}, { productType: 'one_time', periodMonths: null, endDate: null }],
    });
    const [booked] = (await eventsOf('booking.recorded')).filter((e) => (e.payload as { orderId: string }).orderId === order.id);
    expect(booked?.payload).toMatchObject({ bookingType: 'new', tcvMinor: '1122000', acvMinor: '561000', firstYearMinor: '474000', arrChangeMinor: '324000' });
    const [requested] = (await eventsOf('provisioning.requested')).filter((e) => e.aggregate_id === order.id);
    expect((requested?.payload as { entitlements: unknown[] }).entitlements).toEqual([
      { orderLineId: order.lines[0]?.id, productId: seatId, sku: expect.any(String), quantity: 10, startDate: '2026-02-01', endDate: '2027-02-01' },
      { orderLineId: order.lines[1]?.id, productId: seatId, sku: expect.any(String), quantity: 20, startDate: '2027-02-01', endDate: '2028-02-01' },
      { orderLineId: order.lines[2]?.id, productId: onboardingId, sku: expect.any(String), quantity: 1, startDate: '2026-02-01', endDate: null },
    ]);

    // The provisioning system reports back: fulfilled, shown on the order, audited, published.
    const callback = await t.request('revops', { method: 'POST', url: `/api/v1/orders/${order.id}/provisioning`, payload: { status: 'fulfilled', message: 'tenant acme-42 ready' } });
    expect(callback.statusCode, callback.body).toBe(200);
    expect(callback.json()).toMatchObject({ provisioning: { status: 'fulfilled', message: 'tenant acme-42 ready' } });
    expect((await eventsOf('provisioning.fulfilled')).map((e) => e.aggregate_id)).toContain(order.id);
    expect((await auditTrail(t.ctx, 'order', order.id)).map((e) => e.action)).toEqual(['create', 'provisioning_fulfilled']);
    expect((await t.request('revops', { method: 'POST', url: `/api/v1/orders/${order.id}/provisioning`, payload: { status: 'failed' } })).statusCode).toBe(409);
  });

  it('shows a failed provisioning on the order and retries it', async () => {
    await acceptedQuote();
    await drain();
    const orders = (await t.request('admin', { method: 'GET', url: '/api/v1/orders?provisioningStatus=requested' })).json() as { data: Array<{ id: string }> };
    const orderId = orders.data.at(-1)?.id ?? '';
    const failed = await t.request('revops', { method: 'POST', url: `/api/v1/orders/${orderId}/provisioning`, payload: { status: 'failed', message: 'quota exceeded' } });
    expect(failed.json()).toMatchObject({ provisioning: { status: 'failed', message: 'quota exceeded', requests: 1 } });
    expect((await eventsOf('provisioning.failed')).map((e) => e.aggregate_id)).toContain(orderId);
    const retried = await t.request('success', { method: 'POST', url: `/api/v1/orders/${orderId}/provisioning/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ provisioning: { status: 'requested', message: null, requests: 2 } });
    expect((await eventsOf('provisioning.requested')).filter((e) => e.aggregate_id === orderId).map((e) => (e.payload as { request: number }).request)).toEqual([1, 2]);
    expect((await t.request('success', { method: 'POST', url: `/api/v1/orders/${orderId}/provisioning/retry` })).statusCode).toBe(409);
    expect((await t.request('sales_rep', { method: 'POST', url: `/api/v1/orders/${orderId}/provisioning`, payload: { status: 'fulfilled' } })).statusCode).toBe(403);
    // A rep without a team owns none of these orders: they stay invisible (404, empty list), not forbidden.
    expect((await t.request('sales_rep', { method: 'GET', url: `/api/v1/orders/${orderId}` })).statusCode).toBe(404);
    expect(((await t.request('sales_rep', { method: 'GET', url: '/api/v1/orders' })).json() as { data: unknown[] }).data).toEqual([]);
  });

  it('leaves nothing half-made when a step fails, retries to completion, and never duplicates', async () => {
    const won = await getStage(t.ctx, 'closed_won');
    await updateStage(t.ctx, { key: 'closed_won', expectedVersion: won.version, changes: { active: false } });
    const { quote, deal } = await acceptedQuote();
    await drain();
    // The subscriber failed (no won stage): no order, no booking, the opportunity still open, the delivery waiting to retry.
    expect(await orderRows(quote.id)).toEqual([]);
    expect((await t.request('revops', { method: 'GET', url: `/api/v1/opportunities/${deal.opportunityId}` })).json()).toMatchObject({ status: 'open' });
    const delivery = await t.ctx.db.selectFrom('event_deliveries').selectAll().where('target', '=', 'orders.place-from-quote').where('status', '!=', 'delivered').executeTakeFirstOrThrow();
    expect(delivery.last_error).toMatch(/no active won stage/);

    const inactive = await getStage(t.ctx, 'closed_won');
    await updateStage(t.ctx, { key: 'closed_won', expectedVersion: inactive.version, changes: { active: true } });
    t.clock.advance({ hours: 1 });
    await drain();
    const orders = await orderRows(quote.id);
    expect(orders).toHaveLength(1);
    // Running the step again (a redelivery past the guard) finds the order and adds nothing.
    const again = await inTransaction(t.ctx, (tx) => placeOrderFromQuote(tx, { quoteId: quote.id, acceptedAt: '2026-01-15T09:00:00.000Z' }));
    expect(again.id).toBe(orders[0]?.id);
    expect(await t.ctx.db.withTables<OrderTables>().selectFrom('bookings').selectAll().where('quote_id', '=', quote.id).execute()).toHaveLength(1);
  });
});
