import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { importEcbRatesCsv } from '../metrics/index.ts';
import { makeCustomer, makeIssuedInvoice } from '../payments/fixtures.ts';

// ECB layout: 1 EUR = rate quote. 05-30/31 are a weekend: the aging as of 05-31 uses Friday 05-29.
const ECB_CSV = ['Date,USD,JPY,', '2026-05-29,1.0811,163.45,', '2026-05-28,1.0700,160.00,'].join('\n');

describe('AR aging in a reporting currency (payments composed with metrics FX rates)', () => {
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-05-31T09:00:00Z' });
    acme = await makeCustomer(t.ctx, { currency: 'EUR' });
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 100_000n, issueDate: '2026-05-01', dueDate: '2026-05-10' }); // EUR 1,000.00, 21 days
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 99_999n, currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-02-01' }); // USD 999.99, 119 days
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 12_345n, currency: 'USD', issueDate: '2026-05-20', dueDate: '2026-06-19' }); // USD 123.45, current
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 50_000n, currency: 'JPY', issueDate: '2026-04-01', dueDate: '2026-04-20' }); // ¥50,000, 41 days
  });
  afterAll(async () => { await t.close(); });

  it('answers 422 naming the missing rate, then converts at the as-of date rate to the cent', async () => {
    const missing = await t.request('viewer', { method: 'GET', url: '/api/v1/ar/aging?asOf=2026-05-31&currency=EUR' });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json().detail).toMatch(/No (JPY|USD)→EUR exchange rate on 2026-05-31/);

    await importEcbRatesCsv(t.ctx, ECB_CSV);
    const response = await t.request('viewer', { method: 'GET', url: '/api/v1/ar/aging?asOf=2026-05-31&currency=EUR' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.reportingCurrency).toBe('EUR');
    expect(body.rates).toEqual([{ currency: 'JPY', rate: '1/163.45', rateDate: '2026-05-29' }, { currency: 'USD', rate: '1/1.0811', rateDate: '2026-05-29' }]);
    // Document currency totals stay apart; nothing adds EUR to USD.
    expect(body.totals.map((total: { currency: string; buckets: { total: unknown } }) => [total.currency, total.buckets.total])).toEqual([
      ['EUR', { amountMinor: 100_000, currency: 'EUR' }],
      ['JPY', { amountMinor: 50_000, currency: 'JPY' }],
      ['USD', { amountMinor: 112_344, currency: 'USD' }],
    ]);
    // 999.99 / 1.0811 = 924.9745… → 924.97; 123.45 / 1.0811 = 114.1892… → 114.19; ¥50,000 / 163.45 = 305.9039… → 305.90.
    const usd = body.customers.find((row: { currency: string }) => row.currency === 'USD');
    expect(usd.invoices.map((invoice: { reportingAmountDue: unknown }) => invoice.reportingAmountDue)).toEqual([
      { amountMinor: 92_497, currency: 'EUR' }, { amountMinor: 11_419, currency: 'EUR' },
    ]);
    expect(body.reportingTotal).toEqual({
      currency: 'EUR',
      buckets: {
        current: { amountMinor: 11_419, currency: 'EUR' }, days1To30: { amountMinor: 100_000, currency: 'EUR' }, days31To60: { amountMinor: 30_590, currency: 'EUR' },
        days61To90: { amountMinor: 0, currency: 'EUR' }, over90: { amountMinor: 92_497, currency: 'EUR' }, total: { amountMinor: 234_506, currency: 'EUR' },
      },
      unappliedCredits: { amountMinor: 0, currency: 'EUR' }, net: { amountMinor: 234_506, currency: 'EUR' },
    });
    // Into USD the same day: EUR 1,000.00 × 1.0811 = USD 1,081.10; USD stays as it is.
    const inUsd = (await t.request('viewer', { method: 'GET', url: '/api/v1/ar/aging?asOf=2026-05-31&currency=USD&documentCurrency=EUR' })).json();
    expect(inUsd.reportingTotal.buckets.total).toEqual({ amountMinor: 108_110, currency: 'USD' });
    expect(inUsd.totals).toEqual([expect.objectContaining({ currency: 'EUR' })]);
  });
});
