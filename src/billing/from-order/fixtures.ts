import { inTransaction, type Ctx } from '../../shared/context.ts';
import { dispatchDueDeliveries, publishEvent, type DispatchResult } from '../../shared/events/index.ts';

type LineJson = Record<string, unknown> & { quoteLineId: string; sku: string };

let lineSequence = 0;

/** An order.placed line as orders publishes it: 10 seats at 49.00 a month over one year, unless told. */
export function makeOrderLine(overrides: Partial<LineJson> = {}): LineJson {
  lineSequence += 1;
  return {
    orderLineId: `oli_${lineSequence}`, lineNumber: lineSequence, quoteLineId: `li_${lineSequence}`, productId: 'prod_seat', priceId: 'price_seat',
    sku: 'PRO-SEAT', productName: 'Pro seat', description: null, productFamily: 'platform', productType: 'subscription', pricingModel: 'per_unit',
    billingPeriod: 'monthly', periodMonths: 1, billingTiming: 'in_advance', quantity: 10, startDate: '2026-02-01', endDate: '2027-02-01',
    netMinor: '588000', unitPriceMinor: '4900', discountBps: 0, periods: [], ...overrides,
  };
}

/** An order.placed payload (shape: orders' contract), a new 12-month order from 2026-02-01 unless told. */
export function makeOrderPlaced(accountId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const orderId = `ord_${String(Math.random()).slice(2, 12)}`;
  return {
    orderId, orderNumber: `ORD-${orderId.slice(4, 10)}`, quoteId: `quo_${orderId.slice(4)}`, quoteVersionNumber: 1, opportunityId: 'opp_1',
    accountId, ownerUserId: null, currency: 'USD', orderType: 'new', amendsSubscriptionId: null, startDate: '2026-02-01', endDate: '2027-02-01',
    termMonths: 12, paymentTermsDays: 30, bookingId: `bkg_${orderId.slice(4)}`, totals: {}, lines: [makeOrderLine()], ...overrides,
  };
}

/** Publishes an event the way its owner would (in a transaction, to the outbox). */
export async function publishTestEvent(ctx: Ctx, type: string, aggregateId: string, payload: unknown): Promise<string> {
  return inTransaction(ctx, (tx) => publishEvent(tx, { type, aggregateType: type.split('.')[0] ?? 'test', aggregateId, payload }));
}

/** Runs the dispatcher until nothing is due (events published by handlers are delivered too). */
export async function dispatchAll(ctx: Ctx): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  for (let round = 0; round < 20; round += 1) {
    const result = await dispatchDueDeliveries(ctx, { random: () => 0.5 });
    results.push(result);
    if (result.claimed === 0) return results;
  }
  throw new Error('dispatchAll: deliveries still due after 20 rounds');
}
