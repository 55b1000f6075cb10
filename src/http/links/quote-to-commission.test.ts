import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { getInvoice, getSubscription } from '../../billing/index.ts';
import { dispatchAll } from '../../billing/from-order/fixtures.ts';
import { registerAppSubscribers } from '../../cli/background-work.ts';
import { createPlan } from '../../commissions/index.ts';
import { createQuote, submitQuote } from '../../cpq/index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../../cpq/test-fixtures/seed.ts';
import { createUser } from '../../identity/index.ts';

/**
 * Issue #4 end to end: quote → sent → accepted by the customer (public link) → order + booking
 * (orders) → subscription + first invoice (billing) → commission (commissions) → links.
 * EUR, 12 months from 2026-02-01: 10 seats at 30.00 a month, onboarding 1 500.00 once.
 * First year 3 600.00 + 1 500.00 = 5 100.00; 10 % new-business commission = 510.00.
 * First invoice: February's seats 300.00 + onboarding 1 500.00 = 1 800.00.
 */
describe('quote to commission, through every subscriber of the app', () => {
  let t: TestApp;
  let repUserId: string;
  let quoteId: string;

  beforeAll(async () => {
    t = await createTestApp();
    registerAppSubscribers();
    repUserId = (await createUser(t.ctx, { email: 'chain-rep@example.com', displayName: 'Chain Rep', role: 'sales_rep', locale: 'en' })).id;
    await createPlan(t.ctx, { name: 'AE', effectiveFromDate: '2026-01-01', rates: [{ dealType: 'new', rateBps: 1000 }], repUserIds: [repUserId] });
    const bookId = await makeBook(t.ctx);
    const seat = await makePricedProduct(t.ctx, bookId, { unitAmount: '30.00' }, { name: 'Seats', family: 'platform' });
    const onboarding = await makePricedProduct(t.ctx, bookId, { billingPeriod: 'one_time', pricingModel: 'flat', unitAmount: '1500.00' }, { name: 'Onboarding', family: 'services' });
    const deal = await makeDeal(t.ctx, { ownerUserId: repUserId });
    const quote = await createQuote(t.ctx, {
      opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12,
      lines: [{ productId: seat.productId, quantity: 10 }, { productId: onboarding.productId, quantity: 1 }],
    });
    quoteId = quote.id;
    // No approval rule applies: submitting approves it.
    expect((await submitQuote(t.ctx, { id: quote.id })).quote.status).toBe('approved');
  });
  afterAll(() => t.close());

  it('accepts the quote and finds every artefact, exact to the cent, from the quote’s links', async () => {
    const sent = await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quoteId}/send` });
    expect(sent.statusCode, sent.body).toBe(200);
    const { acceptanceLink } = sent.json<{ acceptanceLink: { token: string } }>();
    const page = (await t.request(null, { method: 'GET', url: `/api/v1/public/quotes/${acceptanceLink.token}` })).json<{ document: { sha256: string } }>();
    const accepted = await t.request(null, {
      method: 'POST', url: `/api/v1/public/quotes/${acceptanceLink.token}/accept`,
      payload: { name: 'Maria Rossi', email: 'maria@customer.example', signature: { kind: 'typed', text: 'Maria Rossi' }, documentSha256: page.document.sha256 },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    await dispatchAll(t.ctx);

    const response = await t.request('finance', { method: 'GET', url: `/api/v1/quotes/${quoteId}/links` });
    expect(response.statusCode, response.body).toBe(200);
    const links = response.json<{
      orders: Array<{ id: string; booking: { id: string; firstYear: { amountMinor: number } } | null }>;
      subscriptionChanges: Array<{ orderId: string; subscriptionId: string; action: string; firstInvoiceIds: string[] }>;
      bookingIds: string[]; invoices: Array<{ id: string; total: { amountMinor: number; currency: string } }>;
      commissionEntries: Array<{ repUserId: string; bookingId: string; amount: { amountMinor: number; currency: string }; lines: Array<{ amount: { amountMinor: number } }> }>;
      audit: Array<{ entityType: string; action: string }>;
    }>();
    const [order] = links.orders;
    expect(order?.booking?.firstYear.amountMinor).toBe(510_000);
    expect(links.subscriptionChanges).toEqual([expect.objectContaining({ orderId: order?.id, action: 'create' })]);
    const subscription = await getSubscription(t.ctx, links.subscriptionChanges[0]!.subscriptionId);
    expect([subscription.startDate, subscription.endDate, subscription.currency]).toEqual(['2026-02-01', '2027-02-01', 'EUR']);
    expect(subscription.itemVersions.map((v) => [v.kind, v.quantity, v.unitPriceMinor])).toEqual(expect.arrayContaining([['recurring', 10n, 3_000n], ['one_time', 1n, 150_000n]]));
    const invoice = await getInvoice(t.ctx, links.subscriptionChanges[0]!.firstInvoiceIds[0]!);
    expect([invoice.status, invoice.totalMinor, invoice.currency]).toEqual(['draft', 180_000n, 'EUR']);
    expect(links.invoices.map((i) => i.total)).toEqual([{ amountMinor: 180_000, currency: 'EUR' }]);
    expect(links.commissionEntries.map((e) => [e.repUserId, e.bookingId, e.amount, e.lines.map((l) => l.amount.amountMinor)])).toEqual([
      [repUserId, order?.booking?.id, { amountMinor: 51_000, currency: 'EUR' }, [36_000, 15_000]],
    ]);
    expect(links.bookingIds).toEqual([order?.booking?.id]);
    const audited = new Set(links.audit.map((a) => a.entityType));
    for (const type of ['quote', 'order', 'subscription', 'subscription_order', 'commission_entry']) expect(audited).toContain(type);

    const back = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${invoice.id}/links` });
    // Each quote carries its deal's name: what the subscription and invoice pages show instead of an id.
    expect(back.json<{ quotes: Array<{ id: string; opportunityName: string | null }> }>().quotes.map((q) => [q.id, q.opportunityName]))
      .toEqual([[quoteId, expect.stringMatching(/^CPQ deal \d+$/)]]);
  });
});
