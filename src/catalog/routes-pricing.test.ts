import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import type { Role } from '../shared/access.ts';
import { makePriceBookInput, makeProductInput } from './fixtures.ts';
import { createCatalogTestApp } from './test-fixtures/catalog-test-app.ts';
import { created, expectProblem, fieldsOf } from './test-fixtures/http.ts';

type PriceJson = { id: string; version: number; supersededAt: string | null };

describe('price and pricing routes', () => {
  let t: TestApp;
  let bookId: string;
  const send = (role: Role, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.request(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  const preview = (payload: object, role: Role = 'sales_rep') => send(role, 'POST', '/pricing/preview', payload);
  async function priced(product: object, terms: object): Promise<PriceJson> {
    const { id } = created<{ id: string }>(await send('admin', 'POST', '/products', makeProductInput(product)));
    return created<PriceJson>(await send('revops', 'POST', `/price-books/${bookId}/prices`, { productId: id, ...terms }));
  }
  beforeAll(async () => {
    t = await createCatalogTestApp();
    bookId = created<{ id: string }>(await send('admin', 'POST', '/price-books', makePriceBookInput({ currency: 'EUR' }))).id;
  });
  afterAll(() => t.close());

  it('sets a new version over HTTP; the old one stays readable and prices as before', async () => {
    const { id: productId } = created<{ id: string }>(await send('admin', 'POST', '/products', makeProductInput()));
    const setSeat = (unitAmount: string) => send('admin', 'POST', `/price-books/${bookId}/prices`, { productId, pricingModel: 'per_unit', billingPeriod: 'monthly', unitAmount });
    const first = await setSeat('10.00');
    const v1 = created<PriceJson>(first);
    expect(first.headers['location']).toBe(`/api/v1/prices/${v1.id}`);
    t.clock.advance({ days: 1 });
    const v2 = created<PriceJson>(await setSeat('11.00'));
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(((await send('viewer', 'GET', `/prices/${v1.id}`)).json() as PriceJson).supersededAt).toBe('2026-01-16T09:00:00.000Z');
    const net = async (priceId: string) => ((await preview({ priceId, quantity: 2 })).json() as { line: { netAmount: unknown } }).line.netAmount;
    expect([await net(v1.id), await net(v2.id)]).toEqual([{ amountMinor: 2000, currency: 'EUR' }, { amountMinor: 2200, currency: 'EUR' }]);
    const listing = (await send('finance', 'GET', `/price-books/${bookId}/prices`)).json() as { priceBook: { expired: boolean }; data: PriceJson[] };
    expect([listing.priceBook.expired, listing.data.map((p) => p.id)]).toEqual([false, [v2.id]]);
    const before = (await send('finance', 'GET', `/price-books/${bookId}/prices?at=2026-01-15T12:00:00Z`)).json() as { data: PriceJson[] };
    expect(before.data.map((p) => p.id)).toEqual([v1.id]);
  });

  it('previews a sub-cent usage line and a tiered line to the minor unit', async () => {
    const usage = await priced({ type: 'usage' }, { pricingModel: 'usage', billingPeriod: 'monthly', unitAmount: '0.0125' });
    const calls = await preview({ priceId: usage.id, quantity: 1, usageQuantity: 1_234_567, termMonths: 12 });
    expect(calls.statusCode).toBe(200);
    expect((calls.json() as { line: object }).line).toMatchObject({
      chargeKind: 'usage', billableQuantity: 1234567, unitPrice: '0.0125', listPerPeriod: '15432.0875', periods: 12,
      listAmount: { amountMinor: 18518505, currency: 'EUR' }, netAmount: { amountMinor: 18518505, currency: 'EUR' },
      perPeriodAmount: { amountMinor: 1543209, currency: 'EUR' }, mrr: { amountMinor: 1543209, currency: 'EUR' },
    });
    const tiers = [{ upTo: 10, unitAmount: '10.00' }, { upTo: 50, unitAmount: '8.00', flatAmount: '5.00' }, { upTo: null, unitAmount: '6.50' }];
    const tiered = await priced({}, { pricingModel: 'tiered', billingPeriod: 'annual', tiers });
    const body = (await preview({ priceId: tiered.id, quantity: 60, termMonths: 24, discount: { percentBps: 1000 } })).json() as { line: Record<string, unknown> };
    expect(body.line).toMatchObject({
      periods: 2, listAmount: { amountMinor: 98000, currency: 'EUR' }, discountAmount: { amountMinor: 9800, currency: 'EUR' },
      netAmount: { amountMinor: 88200, currency: 'EUR' }, perPeriodAmount: { amountMinor: 44100, currency: 'EUR' }, mrr: { amountMinor: 3675, currency: 'EUR' },
    });
    expect(body.line['breakdown']).toEqual([
      { tierIndex: 0, quantity: 10, unitAmount: '10.00', flatAmount: '0', amount: '100.00' },
      { tierIndex: 1, quantity: 40, unitAmount: '8.00', flatAmount: '5.00', amount: '325.00' },
      { tierIndex: 2, quantity: 10, unitAmount: '6.50', flatAmount: '0', amount: '65.00' },
    ]);
  });

  it('reports floor violations with the line', async () => {
    const price = await priced({}, { pricingModel: 'per_unit', billingPeriod: 'monthly', unitAmount: '10.00', minPrice: { amountMinor: 800, currency: 'EUR' }, maxDiscountBps: 2000 });
    const ok = (await preview({ priceId: price.id, quantity: 5, discount: { percentBps: 2000 } })).json() as { floorViolations: unknown[] };
    expect(ok.floorViolations).toEqual([]);
    const low = (await preview({ priceId: price.id, quantity: 5, discount: { amount: { amountMinor: 1500, currency: 'EUR' } } })).json() as { floorViolations: unknown[] };
    expect(low.floorViolations).toEqual([
      { code: 'below_min_price', minimumNet: { amountMinor: 4000, currency: 'EUR' }, netAmount: { amountMinor: 3500, currency: 'EUR' } },
      { code: 'discount_above_max', maxDiscountBps: 2000, discountBps: 3000 },
    ]);
  });

  it('turns what the engine refuses into 400 field errors, and an unknown price into 404', async () => {
    const price = await priced({}, { pricingModel: 'per_unit', billingPeriod: 'quarterly', unitAmount: '10.00' });
    const cases: Array<[object, string]> = [
      [{ priceId: price.id, quantity: 1, termMonths: 10 }, 'body.termMonths'],
      [{ priceId: price.id, quantity: 1, discount: { amount: { amountMinor: 100, currency: 'USD' } } }, 'body.discount'],
      [{ priceId: price.id, quantity: -1 }, 'body.quantity'],
      [{ priceId: price.id, quantity: 1.5 }, 'body.quantity'],
      [{ priceId: price.id, quantity: 1, discount: { percentBps: 20_000 } }, 'body.discount.percentBps'],
      [{ priceId: price.id }, 'body.quantity'],
    ];
    for (const [payload, field] of cases) {
      expect(fieldsOf(expectProblem(await preview(payload), 400, 'validation_failed')), JSON.stringify(payload)).toEqual([field]);
    }
    expectProblem(await preview({ priceId: 'price_nope', quantity: 1 }), 404, 'not_found');
    expect((await preview({ priceId: price.id, quantity: 1 }, 'viewer')).statusCode).toBe(200);
  });
});
