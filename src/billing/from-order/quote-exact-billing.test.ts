import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createProduct, setPrice } from '../../catalog/index.ts';
import { acceptQuoteByLink, createQuote, getQuote, sendQuote, submitQuote, type Quote } from '../../cpq/index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../../cpq/test-fixtures/seed.ts';
import { getOrder, orderFromQuoteSubscriber, type Order } from '../../orders/index.ts';
import { registerSubscriber } from '../../shared/events/index.ts';
import { getSubscription } from '../get-subscription.ts';
import { draftInvoicesForSubscription } from '../invoicing/draft-invoices.ts';
import { dispatchAll } from './fixtures.ts';
import { subscriptionFromOrderSubscriber } from './on-order-placed.ts';
import { findSubscriptionOrder } from './subscription-order-repo.ts';

/**
 * Issue #4 defect: order lines carried a rounded per-unit price, so a line whose period amount is
 * not a multiple of its quantity billed up to (quantity − 1) minor units a period away from the
 * accepted quote. The accepted quote's amounts are what is billed, to the cent (docs/billing.md
 * "Exact amounts"). The quote (EUR, 24 months from 2026-02-01, header discount 7 %):
 * - Analytics, tiered monthly (1–10 at 10.00; 11–50 at 8.00 + 5.00 once; 51+ at 6.50), ramp 60 / 75
 *   units: 490.00 and 587.50 a month — neither a multiple of its quantity in cents after the header
 *   share (60 × 8.17 = 490.20 ≠ 490.00 is the old error on this line alone);
 * - Support, 7 × 9.99 monthly with 10.00 off the line (an amount discount);
 * - Onboarding, one-time 1,500.00.
 * The quote-side numbers are read from the priced quote itself, so the test checks billing against
 * what the customer accepted, whatever the pricing engine computed.
 */
describe('accepted quote → order → subscription → 24 months of invoices, exact to the cent', () => {
  let t: TestContext;
  let quote: Quote;
  let order: Order;
  let subscriptionId: string;

  beforeAll(async () => {
    t = await createTestContext();
    registerSubscriber(orderFromQuoteSubscriber);
    registerSubscriber(subscriptionFromOrderSubscriber);
    const bookId = await makeBook(t.ctx);
    const tiers = [{ upTo: 10, unitAmount: '10.00' }, { upTo: 50, unitAmount: '8.00', flatAmount: '5.00' }, { upTo: null, unitAmount: '6.50' }];
    const analytics = await createProduct(t.ctx, { sku: 'ANALYTICS', name: 'Analytics', type: 'subscription', family: 'platform' });
    await setPrice(t.ctx, { priceBookId: bookId, productId: analytics.id, pricingModel: 'tiered', billingPeriod: 'monthly', tiers });
    const support = await makePricedProduct(t.ctx, bookId, { unitAmount: '9.99' }, { name: 'Support', family: 'services' });
    const onboarding = await makePricedProduct(t.ctx, bookId, { billingPeriod: 'one_time', pricingModel: 'flat', unitAmount: '1500.00' }, { name: 'Onboarding', family: 'services' });
    const deal = await makeDeal(t.ctx);
    const created = await createQuote(t.ctx, {
      opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 24, language: 'en', discount: { percentBps: 700 },
      lines: [
        { productId: analytics.id, ramp: [{ year: 1, quantity: 60 }, { year: 2, quantity: 75 }] },
        { productId: support.productId, quantity: 7, discount: { amount: { amountMinor: 1000, currency: 'EUR' } } },
        { productId: onboarding.productId, quantity: 1 },
      ],
    });
    await submitQuote(t.ctx, { id: created.id });
    const sent = await sendQuote(t.ctx, { id: created.id });
    await acceptQuoteByLink(t.ctx, {
      token: sent.acceptanceLink.token, input: { name: 'Ana', email: 'ana@customer.example', signature: { kind: 'typed', text: 'Ana' } }, ipAddress: null, userAgent: null,
    });
    await dispatchAll(t.ctx);
    quote = await getQuote(t.ctx, created.id);
    const link = await findSubscriptionOrder(t.ctx, (await findOrderId(created.id)));
    expect(link, 'the chain made no subscription').toBeDefined();
    subscriptionId = link!.subscriptionId;
    order = await getOrder(t.ctx, link!.orderId);
    // The billing run through the last period's first day: every in-advance period of the term.
    await draftInvoicesForSubscription(t.ctx, { subscriptionId, throughDate: '2028-01-01' });
  });
  afterAll(() => t.close());

  async function findOrderId(quoteId: string): Promise<string> {
    const row = await sql<{ id: string }>`select id from orders where quote_id = ${quoteId}`.execute(t.ctx.db);
    return row.rows[0]?.id ?? '';
  }

  /** Every invoice line billed for the subscription, with its billing period (null: one-time). */
  async function billedLines() {
    const rows = await sql<{ amount_minor: string; billing_period_start_date: string | null; kind: string }>`
      select l.amount_minor, to_char(l.billing_period_start_date, 'YYYY-MM-DD') as billing_period_start_date, 'invoice' as kind
      from invoice_lines l join invoices i on i.id = l.invoice_id where i.subscription_id = ${subscriptionId}`.execute(t.ctx.db);
    return rows.rows.map((row) => ({ amountMinor: BigInt(row.amount_minor), periodStartDate: row.billing_period_start_date }));
  }

  /** The quote's amounts per billing period start (recurring lines) and its one-time total. */
  function quotePeriods(): { perPeriod: Map<string, bigint>; oneTimeMinor: bigint } {
    const perPeriod = new Map<string, bigint>();
    let oneTimeMinor = 0n;
    for (const line of quote.lines) {
      for (const period of line.periods) {
        const amount = BigInt(period.amount.amountMinor);
        if (period.endDate === null) oneTimeMinor += amount;
        else perPeriod.set(period.startDate, (perPeriod.get(period.startDate) ?? 0n) + amount);
      }
    }
    return { perPeriod, oneTimeMinor };
  }

  it('exercises the defect: some quote periods are not a multiple of their quantity', () => {
    const [analytics, support] = quote.lines;
    const indivisible = [analytics, support].flatMap((line) => line!.periods.map((p) => [BigInt(p.amount.amountMinor), line!.ramp === null ? BigInt(line!.quantity) : 0n] as const))
      .filter(([amount, quantity]) => quantity > 0n && amount % quantity !== 0n);
    expect(indivisible.length).toBeGreaterThan(0);
    expect(BigInt(quote.totals.headerDiscount.amountMinor)).toBeGreaterThan(0n);
    // The ramp's years are exact too: 60 units in year 1 at 490.00 list a month, 75 in year 2 at 587.50.
    expect(order.lines.filter((line) => line.quoteLineId === analytics!.id).map((line) => [line.quantity, line.startDate])).toEqual([[60, '2026-02-01'], [75, '2027-02-01']]);
  });

  it('bills every period exactly what the quote says for it, and nothing else', async () => {
    const { perPeriod, oneTimeMinor } = quotePeriods();
    expect(perPeriod.size).toBe(24);
    const billed = new Map<string, bigint>();
    let billedOneTime = 0n;
    for (const line of await billedLines()) {
      if (line.periodStartDate === null) billedOneTime += line.amountMinor;
      else billed.set(line.periodStartDate, (billed.get(line.periodStartDate) ?? 0n) + line.amountMinor);
    }
    expect(billedOneTime).toBe(oneTimeMinor);
    expect([...billed.entries()].sort()).toEqual([...perPeriod.entries()].sort());
  });

  it('bills the first year at the quote\'s first-year value and the term at its TCV, to the cent', async () => {
    const lines = await billedLines();
    const firstYear = lines.filter((line) => line.periodStartDate === null || line.periodStartDate < '2027-02-01').reduce((sum, line) => sum + line.amountMinor, 0n);
    expect(firstYear).toBe(BigInt(quote.totals.firstYear.amountMinor));
    expect(lines.reduce((sum, line) => sum + line.amountMinor, 0n)).toBe(BigInt(quote.totals.tcv.amountMinor));
    expect(order.totals.firstYear).toEqual(quote.totals.firstYear);
  });

  it('keeps the ramp: the item steps to 75 units on the second contract year, with exact period amounts', async () => {
    const subscription = await getSubscription(t.ctx, subscriptionId);
    const analytics = subscription.itemVersions.filter((version) => version.description === 'Analytics' || version.itemKey === order.lines[0]?.sku);
    expect(analytics.length).toBeGreaterThanOrEqual(2);
    expect(analytics.every((version) => version.amountMinor !== null && version.amountMinor !== undefined)).toBe(true);
    expect(analytics.find((version) => version.effectiveFromDate === '2027-02-01')?.quantity).toBe(75n);
    expect(analytics.filter((version) => version.effectiveFromDate < '2027-02-01').every((version) => version.quantity === 60n)).toBe(true);
  });
});
