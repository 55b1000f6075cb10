import { findPrices, findProducts, type BillingPeriod } from '../catalog/index.ts';
import { getQuote, type Quote } from '../cpq/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { addMonthsFromAnchor, parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { assert, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { money } from '../shared/money.ts';
import { toJsonText } from '../shared/json.ts';
import { bookingAmounts } from './booking-amounts.ts';
import { buildOrderLines, type LineCatalog } from './build-order-lines.ts';
import { closeOpportunityWon } from './close-opportunity.ts';
import { findLiveSubscription } from './live-subscription.ts';
import { publishEvents } from '../shared/events/index.ts';
import { bookingRecordedEvent, orderPlacedEvent, provisioningRequestedEvent } from './order-events.ts';
import { findOrderRowByQuote, insertBooking, insertOrder, nextOrderNumber } from './repo.ts';
import type { OrderRow } from './tables.ts';

// A price stores its period length only for multi-year; the others are fixed (catalog pricing-types.ts).
const FIXED_PERIOD_MONTHS: Record<BillingPeriod, number | null> = { one_time: null, monthly: 1, quarterly: 3, annual: 12, multi_year: null };

export type QuoteAccepted = { quoteId: string; acceptedAt: string };

/**
 * Chain steps 1, 2 and 4 on `quote.accepted`, in the subscriber's one transaction: the opportunity
 * goes Closed Won with the quote's TCV, the booking and the order are recorded, and order.placed,
 * booking.recorded and provisioning.requested go to the outbox. All or nothing: a failure rolls
 * everything back and the dispatcher retries. Idempotent: a quote that already has its order is
 * left alone (one order per quote, also a unique constraint).
 */
export async function placeOrderFromQuote(tx: TxCtx, event: QuoteAccepted): Promise<OrderRow> {
  const existing = await findOrderRowByQuote(tx, event.quoteId);
  if (existing) return existing;
  const quote = await getQuote(tx, event.quoteId);
  assert(quote.status === 'accepted', `quote ${quote.id} is ${quote.status}, yet quote.accepted was published for it`);
  const catalog = await catalogOf(tx, quote);
  const lines = buildOrderLines(quote, catalog);
  assert(lines.reduce((total, line) => total + line.netMinor, 0n) === BigInt(quote.totals.tcv.amountMinor), `order lines of quote ${quote.id} do not sum to its TCV`);
  const bookedDate = event.acceptedAt.slice(0, 10);
  const live = quote.quoteType === 'new' ? null : await findLiveSubscription(tx, { accountId: quote.accountId, currency: quote.currency, onDate: bookedDate });
  const opportunity = await closeOpportunityWon(tx, quote.opportunityId, money(BigInt(quote.totals.tcv.amountMinor), quote.currency));
  const orderId = newId('ord');
  const now = new Date(tx.clock.now().epochMilliseconds);
  const minor = (value: { amountMinor: number | string }) => BigInt(value.amountMinor);
  const { order, lines: orderLines } = await insertOrder(tx, {
    id: orderId, order_number: await nextOrderNumber(tx), quote_id: quote.id, quote_version_number: quote.versionNumber,
    opportunity_id: quote.opportunityId, account_id: quote.accountId, owner_user_id: quote.ownerUserId ?? opportunity.ownerUserId,
    currency: quote.currency, order_type: quote.quoteType,
    amends_subscription_id: quote.quoteType === 'expansion' ? (live?.id ?? null) : null,
    renews_subscription_id: quote.quoteType === 'renewal' ? (live?.id ?? null) : null,
    start_date: quote.startDate, end_date: toIsoDate(addMonthsFromAnchor(parsePlainDate(quote.startDate), quote.termMonths)),
    term_months: quote.termMonths, payment_terms_days: quote.paymentTermsDays,
    tcv_minor: minor(quote.totals.tcv), acv_minor: minor(quote.totals.acv), first_year_minor: minor(quote.totals.firstYear),
    one_time_minor: minor(quote.totals.oneTime), mrr_minor: minor(quote.totals.mrr), arr_minor: minor(quote.totals.arr),
    status: 'placed', provisioning_status: 'requested', provisioning_message: null, provisioning_requests: 1, provisioning_updated_at: now,
    created_at: now, updated_at: now,
  }, lines.map((line) => ({
    id: newId('oli'), order_id: orderId, currency: quote.currency, line_number: line.lineNumber, quote_line_id: line.quoteLineId,
    product_id: line.productId, price_id: line.priceId, sku: line.sku, product_name: line.productName, description: line.description,
    product_family: line.productFamily, product_type: line.productType, pricing_model: line.pricingModel, billing_period: line.billingPeriod,
    period_months: line.periodMonths, billing_timing: line.billingTiming, quantity: line.quantity, start_date: line.startDate, end_date: line.endDate,
    net_minor: line.netMinor, unit_price_minor: line.unitPriceMinor, discount_bps: line.discountBps,
    periods: toJsonText(line.periods.map((p) => ({ startDate: p.startDate, endDate: p.endDate, amountMinor: p.amountMinor.toString() }))),
  })));
  const amounts = bookingAmounts(quote, new Map([...catalog].map(([id, info]) => [id, info.productFamily])), live?.arrMinor ?? null);
  const booking = await insertBooking(tx, {
    id: newId('bkg'), order_id: orderId, quote_id: quote.id, opportunity_id: quote.opportunityId, account_id: quote.accountId,
    owner_user_id: order.owner_user_id, booking_type: quote.quoteType, currency: quote.currency, tcv_minor: amounts.tcvMinor, acv_minor: amounts.acvMinor,
    first_year_minor: amounts.firstYearMinor, arr_change_minor: amounts.arrChangeMinor, lines: toJsonText(amounts.lines), booked_date: bookedDate, created_at: now,
  });
  // One write per outbox table for the three events (same rows, in this order, as three publishes).
  await publishEvents(tx, [orderPlacedEvent(order, orderLines, booking), bookingRecordedEvent(booking), provisioningRequestedEvent(order, orderLines)]);
  return order;
}

/**
 * Each quote line's product and exact price version, read as they are now (products may be
 * renamed, never re-priced): one read each for all lines' products and price versions.
 */
async function catalogOf(tx: TxCtx, quote: Quote): Promise<Map<string, LineCatalog>> {
  const products = await findProducts(tx, quote.lines.map((line) => line.productId));
  const prices = await findPrices(tx, quote.lines.map((line) => line.priceId));
  const catalog = new Map<string, LineCatalog>();
  for (const line of quote.lines) {
    const product = products.get(line.productId);
    const price = prices.get(line.priceId);
    // A price version is never deleted; a missing one is a 404, as getPrice would say.
    if (!price) throw notFound('price', line.priceId);
    catalog.set(line.id, {
      // A product deleted since acceptance still gets its order line, named by its id.
      sku: product?.sku ?? line.productId, productName: product?.name ?? line.productId, productFamily: product?.family ?? null,
      productType: product?.type ?? (price.billingPeriod === 'one_time' ? 'one_time' : price.pricingModel === 'usage' ? 'usage' : 'subscription'),
      pricingModel: price.pricingModel, billingPeriod: price.billingPeriod, periodMonths: price.periodMonths ?? FIXED_PERIOD_MONTHS[price.billingPeriod],
      billingTiming: price.billingTiming,
    });
  }
  return catalog;
}
