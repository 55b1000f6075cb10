import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { inTransaction } from '../../shared/context.ts';
import { registerSubscriber } from '../../shared/events/index.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { billingDb } from '../billing-db.ts';
import { makeAccount } from '../fixtures.ts';
import { getInvoice } from '../get-invoice.ts';
import { draftInvoicesForSubscription } from '../invoicing/draft-invoices.ts';
import { getSubscription } from '../get-subscription.ts';
import { applyOrderToSubscription } from './apply-order-to-subscription.ts';
import { dispatchAll, makeOrderLine, makeOrderPlaced, publishTestEvent } from './fixtures.ts';
import { subscriptionFromOrderSubscriber } from './on-order-placed.ts';
import { orderPlacedSchema } from './order-placed-schema.ts';
import { findSubscriptionOrder } from './subscription-order-repo.ts';

let t: TestContext;
let accountId: string;
beforeAll(async () => {
  t = await createTestContext();
  registerSubscriber(subscriptionFromOrderSubscriber);
  accountId = await makeAccount(t.ctx);
});
afterAll(() => t.close());

const versions = (detail: Awaited<ReturnType<typeof getSubscription>>) =>
  detail.itemVersions.map((v) => [v.itemKey, v.kind, v.quantity, v.unitPriceMinor, v.billingIntervalMonths, v.effectiveFromDate, v.effectiveToDate]);

async function placeOrder(payload: Record<string, unknown>) {
  await publishTestEvent(t.ctx, 'order.placed', String(payload['orderId']), payload);
  await dispatchAll(t.ctx);
  return findSubscriptionOrder(t.ctx, String(payload['orderId']));
}

async function invoiceLinesOf(invoiceIds: readonly string[]) {
  const invoices = await Promise.all(invoiceIds.map((id) => getInvoice(t.ctx, id)));
  return invoices.map((invoice) => ({
    status: invoice.status, subtotalMinor: invoice.subtotalMinor, totalMinor: invoice.totalMinor,
    lines: invoice.lines.map((line) => [line.description, line.quantity, line.amountMinor, line.periodStartDate, line.periodEndDate]),
  }));
}

async function eventsOf(type: string, subscriptionId: string) {
  return t.ctx.db.selectFrom('outbox_events').select(['payload']).where('type', '=', type).where('aggregate_id', '=', subscriptionId).execute();
}

describe('order.placed → subscription', () => {
  let subscriptionId: string;

  it('creates the subscription of a new order with its items and one-time fee, over the order term', async () => {
    const order = makeOrderPlaced(accountId, {
      lines: [
        makeOrderLine(),
        makeOrderLine({ sku: 'ONBOARD', productName: 'Onboarding', productType: 'one_time', periodMonths: null, billingPeriod: 'one_time', quantity: 1, unitPriceMinor: '150000', netMinor: '150000', endDate: null }),
      ],
    });
    const link = await placeOrder(order);
    expect(link).toMatchObject({ orderId: order['orderId'], action: 'create', orderType: 'new', accountId, effectiveDate: '2026-02-01' });
    subscriptionId = link!.subscriptionId;
    // Chain step 5: the first invoice, drafted by billing's own code — the first month in advance and the one-time fee.
    expect(await invoiceLinesOf(link!.invoiceIds)).toEqual([{
      status: 'draft', subtotalMinor: 199_000n, totalMinor: 199_000n,
      lines: [['Onboarding', '1', 150_000n, null, null], ['Pro seat', '10', 49_000n, '2026-02-01', '2026-03-01']],
    }]);
    const subscription = await getSubscription(t.ctx, subscriptionId);
    expect(subscription).toMatchObject({ accountId, currency: 'USD', startDate: '2026-02-01', endDate: '2027-02-01', autoRenew: false, billingMode: 'anniversary' });
    // Named by what it subscribes to (its recurring products), not by the order that made it (which the links show).
    expect(subscription.planLabel).toBe('Pro seat');
    expect(versions(subscription)).toEqual([
      ['ONBOARD', 'one_time', 1n, 150000n, null, '2026-02-01', null],
      ['PRO-SEAT', 'recurring', 10n, 4900n, 1, '2026-02-01', null],
    ]);
    expect(await eventsOf('subscription.created', subscriptionId)).toEqual([
      { payload: { subscriptionId, orderId: order['orderId'], accountId, invoiceIds: link!.invoiceIds } },
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_id', 'in', [subscriptionId, String(order['orderId'])]).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'create', entity_type: 'subscription' }, { action: 'create', entity_type: 'subscription_order' }]);
  });

  it('writes a ramped line as dated item versions, one per contract year', async () => {
    const ramp = { quoteLineId: 'li_ramp', sku: 'RAMP-SEAT' };
    const order = makeOrderPlaced(accountId, {
      startDate: '2026-03-01', endDate: '2028-03-01', termMonths: 24,
      lines: [
        makeOrderLine({ ...ramp, quantity: 10, unitPriceMinor: '4900', startDate: '2026-03-01', endDate: '2027-03-01' }),
        makeOrderLine({ ...ramp, quantity: 25, unitPriceMinor: '4500', startDate: '2027-03-01', endDate: '2028-03-01' }),
      ],
    });
    const link = await placeOrder(order);
    expect(versions(await getSubscription(t.ctx, link!.subscriptionId))).toEqual([
      ['RAMP-SEAT', 'recurring', 10n, 4900n, 1, '2026-03-01', '2027-03-01'],
      ['RAMP-SEAT', 'recurring', 25n, 4500n, 1, '2027-03-01', null],
    ]);
  });

  it('amends the subscription for an expansion: added seats raise the quantity, a new product is a new item, co-terminated', async () => {
    // The billing run has billed March to May (in advance) before the expansion arrives.
    await draftInvoicesForSubscription(t.ctx, { subscriptionId, throughDate: '2026-05-01' });
    const order = makeOrderPlaced(accountId, {
      orderType: 'expansion', amendsSubscriptionId: subscriptionId, startDate: '2026-05-10', endDate: '2027-05-10',
      lines: [
        makeOrderLine({ quantity: 5, startDate: '2026-05-10', endDate: '2027-05-10' }),
        makeOrderLine({ sku: 'ANALYTICS', productName: 'Analytics', quantity: 1, unitPriceMinor: '120000', periodMonths: 12, billingPeriod: 'annual', startDate: '2026-05-10', endDate: '2027-05-10' }),
        makeOrderLine({ sku: 'ONBOARD', productName: 'Extra onboarding', productType: 'one_time', periodMonths: null, quantity: 1, unitPriceMinor: '30000', startDate: '2026-05-10', endDate: null }),
      ],
    });
    const link = await placeOrder(order);
    expect(link).toMatchObject({ action: 'amend', orderType: 'expansion', subscriptionId, effectiveDate: '2026-05-10' });
    // The prorated piece to the next billing date (2026-06-01), one draft: 22 of May's 31 days for the seats
    // (15 × 49.00 × 22/31 = 521.61 less the 10 already billed, 347.74), 267/365 of a year of Analytics
    // (1 200.00 × 267/365 = 877.81) and the one-time fee. 877.81 + 300.00 − 347.74 + 521.61 = 1 351.68.
    const [invoice] = await invoiceLinesOf(link!.invoiceIds);
    expect(invoice?.subtotalMinor).toBe(135_168n);
    expect(invoice?.totalMinor).toBe(135_168n);
    expect(invoice?.lines.map(([description, quantity, amount]) => [description, quantity, amount])).toEqual([
      ['Analytics', '1', 87_781n], ['Extra onboarding', '1', 30_000n], ['Pro seat', '10', -34_774n], ['Pro seat', '15', 52_161n],
    ]);
    expect(invoice?.lines.filter((line) => line[2] === 87_781n || line[2] === 52_161n).map((line) => [line[3], line[4]]))
      .toEqual([['2026-05-10', '2027-02-01'], ['2026-05-10', '2026-06-01']]);
    const subscription = await getSubscription(t.ctx, subscriptionId);
    // Co-term: the subscription still ends 2027-02-01, and so does everything the expansion added.
    expect(subscription.endDate).toBe('2027-02-01');
    expect(versions(subscription)).toEqual([
      ['ANALYTICS', 'recurring', 1n, 120000n, 12, '2026-05-10', null],
      ['ONBOARD', 'one_time', 1n, 150000n, null, '2026-02-01', null],
      ['ONBOARD-2', 'one_time', 1n, 30000n, null, '2026-05-10', null],
      ['PRO-SEAT', 'recurring', 10n, 4900n, 1, '2026-02-01', '2026-05-10'],
      ['PRO-SEAT', 'recurring', 15n, 4900n, 1, '2026-05-10', null],
    ]);
    expect(await eventsOf('subscription.amended', subscriptionId)).toHaveLength(1);
  });

  it('is idempotent per order: applying the same order again changes nothing', async () => {
    const order = parseInput(orderPlacedSchema, makeOrderPlaced(accountId, { startDate: '2026-04-01', endDate: '2027-04-01' }));
    const first = await inTransaction(t.ctx, (tx) => applyOrderToSubscription(tx, order));
    const second = await inTransaction(t.ctx, (tx) => applyOrderToSubscription(tx, order));
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ link: first.link, replayed: true });
    const count = await billingDb(t.ctx).selectFrom('subscriptions').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId).where('start_date', '=', '2026-04-01').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('leaves a failed, retryable delivery and no half-made chain when the order cannot apply', async () => {
    const otherAccount = await makeAccount(t.ctx);
    const order = makeOrderPlaced(otherAccount, { orderType: 'expansion', amendsSubscriptionId: subscriptionId, startDate: '2026-06-01' });
    expect(await placeOrder(order)).toBeUndefined();
    const delivery = await t.ctx.db.selectFrom('event_deliveries').innerJoin('outbox_events', 'outbox_events.id', 'event_deliveries.event_id')
      .select(['event_deliveries.status', 'event_deliveries.last_error', 'event_deliveries.attempts'])
      .where('outbox_events.aggregate_id', '=', String(order['orderId'])).executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(delivery.last_error).toContain(`belongs to ${accountId}`);
    expect(await eventsOf('subscription.amended', subscriptionId)).toHaveLength(1);
  });

  it('refuses an order.placed payload that is not the contract, naming the field', async () => {
    expect(() => parseInput(orderPlacedSchema, { ...makeOrderPlaced(accountId), lines: [] }, 'payload')).toThrow(/payload\.lines/);
  });
});
