import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createSubscription, recognizeRevenue, runBilling, setTaxRate, setTaxSettings } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { recordPayment } from '../payments/index.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';

function expectProblem(response: LightMyRequestResponse, status: number, code: string): Array<string> {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; errors?: Array<{ field: string }> };
  expect(body.code).toBe(code);
  return (body.errors ?? []).map((e) => e.field);
}

// Atlas alone (the finance example's first customer): 1,000.00 + 19 % VAT billed 1 January, paid 20 January.
describe('/api/v1/metrics finance metrics', () => {
  let t: TestApp;
  let atlas: string;
  let paymentId: string;
  const get = (url: string) => t.request('finance', { method: 'GET', url });
  beforeAll(async () => {
    t = await createMetricsTestApp({ start: '2026-01-01T06:00:00Z' });
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1_900, name: 'USt 19%' });
    atlas = (await createAccount(t.ctx, { name: 'Atlas', segment: 'smb', country: 'DE', currency: 'EUR' })).id;
    await createSubscription(t.ctx, { accountId: atlas, currency: 'EUR', billingMode: 'calendar', startDate: '2026-01-01', endDate: '2027-01-01', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 10_000 }] });
    await runBilling(t.ctx, { date: '2026-01-01', issue: true });
    t.clock.set('2026-01-20T06:00:00Z');
    paymentId = (await recordPayment(t.ctx, { accountId: atlas, amount: { amountMinor: 119_000, currency: 'EUR' }, receivedDate: '2026-01-20' })).id;
    t.clock.set('2026-01-31T06:00:00Z');
    await recognizeRevenue(t.ctx, { date: '2026-01-31' });
  });
  afterAll(() => t.close());

  it('lists the finance metrics in the catalogue with their unit, basis and intervals', async () => {
    const { data } = (await get('/api/v1/metrics')).json() as { data: Array<{ name: string; unit: string; basis: string; intervals: string[] }> };
    const finance = ['billings', 'recognized-revenue', 'cash-collected', 'ar-balance', 'ar-aging', 'dso', 'dso-countback', 'backlog', 'rpo', 'operating-revenue-share', 'revenue-growth'];
    expect(data.filter((m) => finance.includes(m.name)).map((m) => m.name)).toEqual(finance);
    expect(data.find((m) => m.name === 'dso')).toMatchObject({ unit: 'days', basis: 'invoices', intervals: ['month', 'quarter', 'year', 'all'] });
    expect(data.find((m) => m.name === 'cash-collected')).toMatchObject({ unit: 'money', basis: 'payments', intervals: ['day', 'week', 'month', 'quarter', 'year', 'all'] });
  });

  it('answers cash collected with explain: the payment behind the figure', async () => {
    const response = await get('/api/v1/metrics/cash-collected?from=2026-01&to=2026-01&explain=true');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      metric: 'cash-collected', unit: 'money',
      series: [{
        period: '2026-01', currency: 'EUR', value: 119_000, count: 1, receivedMinor: 119_000, refundedMinor: 0, chargedBackMinor: 0,
        explain: {
          formula: 'Σ payments received (received date) − Σ refunds and chargebacks (their dates)',
          settings: { from: '2026-01', to: '2026-01', interval: 'month', segment: null, reportingCurrency: null, periodStartDate: '2026-01-01', periodEndDate: '2026-01-31', timeBasis: 'received_date' },
          contributions: [{ recordType: 'payment', id: paymentId, paymentId, accountId: atlas, date: '2026-01-20', amountMinor: 119_000, currency: 'EUR' }],
        },
      }],
    });
  });

  it('converts into a reporting currency at each record’s date (rounded once per record), and 422s without a rate', async () => {
    const missing = await get('/api/v1/metrics/billings?from=2026-01&to=2026-01&currency=USD');
    expectProblem(missing, 422, 'business_rule_violated');
    expect(String((missing.json() as { detail: string }).detail)).toMatch(/No EUR→USD exchange rate on 2026-01-01/);
    const imported = await t.request('finance', { method: 'POST', url: '/api/v1/fx-rates/import', payload: { csv: 'Date,USD,\n2025-12-31,1.1000,\n2026-01-20,1.0850,\n' } });
    expect(imported.statusCode, imported.body).toBe(200);
    // Billings: 1,000.00 EUR issued 1 January at 1.1000 (31 December's rate) = 1,100.00 USD; cash: 1,190.00 EUR at 1.0850 = 1,291.15 USD.
    const billings = (await get('/api/v1/metrics/billings?from=2026-01&to=2026-01&currency=USD&explain=true')).json() as { currency: string; series: Array<{ value: number; explain: { contributions: Array<Record<string, unknown>> } }> };
    expect(billings.currency).toBe('USD');
    expect(billings.series.map((p) => p.value)).toEqual([110_000]);
    expect(billings.series[0]?.explain.contributions).toMatchObject([{ recordType: 'invoice', amountMinor: 100_000, currency: 'EUR', convertedMinor: 110_000, rate: '1.1000', taxMinor: 19_000 }]);
    expect((await get('/api/v1/metrics/cash-collected?from=2026-01&to=2026-01&currency=USD')).json()).toMatchObject({ currency: 'USD', series: [{ period: '2026-01', currency: 'USD', value: 129_115 }] });
  });

  it('answers balances at month ends (AR, backlog) by segment; refuses plan breakdowns and intervals shorter than a month for balances', async () => {
    expect((await get('/api/v1/metrics/backlog?from=2026-01&to=2026-01&segment=segment')).json()).toMatchObject({ series: [{ period: '2026-01', segment: 'smb', currency: 'EUR', value: 1_100_000 }] });
    // Paid on 20 January: nothing is owed at the month end, in any currency, so there is no series (as with bookings).
    expect((await get('/api/v1/metrics/ar-balance?from=2026-01&to=2026-01')).json()).toEqual({ metric: 'ar-balance', unit: 'money', series: [] });
    expect(expectProblem(await get('/api/v1/metrics/billings?from=2026-01&to=2026-01&segment=plan'), 400, 'validation_failed')).toEqual(['querystring.segment']);
    expect(expectProblem(await get('/api/v1/metrics/dso?from=2026-01&to=2026-01&interval=week'), 400, 'validation_failed')).toEqual(['querystring.interval']);
  });
});
