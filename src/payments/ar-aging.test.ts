import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { arAging, bucketOf } from './ar-aging.ts';
import type { AgingRate, AgingRateReader } from './ar-aging-reporting.ts';
import { AppError } from '../shared/errors.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';

describe('AR aging', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-06-30T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('puts days past due into buckets at their edges', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(bucketOf)).toEqual(['current', 'days1To30', 'days1To30', 'days31To60', 'days31To60', 'days61To90', 'days61To90', 'over90', 'current']);
  });

  it('ages what was due as of any date, per customer and total, per document currency', async () => {
    const acme = await makeCustomer(t.ctx);
    const beta = await makeCustomer(t.ctx);
    // As of 2026-05-31: due 05-31 → current; 05-01 → 30 days; 04-01 → 60; 03-01 → 91.
    const current = await makeIssuedInvoice(t.ctx, acme, { totalMinor: 1_000n, issueDate: '2026-05-01', dueDate: '2026-05-31' });
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 2_000n, issueDate: '2026-04-01', dueDate: '2026-05-01' });
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 3_000n, issueDate: '2026-03-01', dueDate: '2026-04-01' });
    await makeIssuedInvoice(t.ctx, beta, { totalMinor: 4_000n, issueDate: '2026-02-01', dueDate: '2026-03-01' });
    await makeIssuedInvoice(t.ctx, beta, { totalMinor: 9_999n, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-20' });
    await makeIssuedInvoice(t.ctx, beta, { totalMinor: 7_777n, issueDate: '2026-06-01', dueDate: '2026-07-01' }); // not issued yet on 05-31
    // Paid in part on 06-10: after the as-of date, so 05-31 still sees it all due; 06-30 sees the rest.
    await recordPayment(t.ctx, { accountId: acme, amount: { amountMinor: 600n, currency: 'EUR' }, receivedDate: '2026-06-10', allocations: [{ invoiceId: current.id, amountMinor: 600n }] });

    const may = await arAging(t.ctx, { asOf: '2026-05-31' });
    const acmeRow = may.customers.find((row) => row.accountId === acme && row.currency === 'EUR');
    expect(acmeRow?.buckets).toEqual({ current: 1_000n, days1To30: 2_000n, days31To60: 3_000n, days61To90: 0n, over90: 0n, totalMinor: 6_000n });
    expect(may.totals).toEqual([
      { currency: 'EUR', buckets: { current: 1_000n, days1To30: 2_000n, days31To60: 3_000n, days61To90: 0n, over90: 4_000n, totalMinor: 10_000n }, unappliedCreditsMinor: 0n, netMinor: 10_000n },
      { currency: 'USD', buckets: { current: 0n, days1To30: 9_999n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 9_999n }, unappliedCreditsMinor: 0n, netMinor: 9_999n },
    ]);

    const june = await arAging(t.ctx, { asOf: '2026-06-30', documentCurrency: 'EUR' });
    expect(june.customers.find((row) => row.accountId === acme)?.invoices.find((i) => i.invoiceId === current.id)).toMatchObject({ amountDueMinor: 400n, daysPastDue: 30, bucket: 'days1To30' });
    expect(june.totals.map((total) => total.currency)).toEqual(['EUR']);
    expect(june.totals[0]?.buckets.totalMinor).toBe(10_000n - 600n + 7_777n);
  });

  it('a charged-back payment counts as unpaid from the chargeback date on', async () => {
    const acme = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, acme, { totalMinor: 5_000n, issueDate: '2026-05-01', dueDate: '2026-05-15' });
    const payment = await recordPayment(t.ctx, { accountId: acme, amount: { amountMinor: 5_000n, currency: 'EUR' }, receivedDate: '2026-05-10' });
    await chargebackPayment(t.ctx, { paymentId: payment.id, date: '2026-06-05' });
    expect((await arAging(t.ctx, { asOf: '2026-05-31' })).customers).toEqual([]);
    const after = await arAging(t.ctx, { asOf: '2026-06-05' });
    expect(after.customers[0]?.invoices).toMatchObject([{ invoiceId: invoice.id, amountDueMinor: 5_000n, bucket: 'days1To30' }]);
  });

  // A fake rates port (http composes metrics' rates; src/http/aging-rates.test.ts covers that): 1 USD = 1/2 EUR, 1 JPY = 0.006 EUR, dated 05-29.
  const halfRates: AgingRateReader = async (_ctx, input) => {
    calls.push(input);
    const table: Record<string, AgingRate> = {
      USD: { base: 'USD', quote: 'EUR', numerator: 1n, denominator: 2n, rateDate: '2026-05-29', text: '0.5' },
      JPY: { base: 'JPY', quote: 'EUR', numerator: 6n, denominator: 1000n, rateDate: '2026-05-29', text: '0.006' },
    };
    return (from) => {
      const rate = table[from];
      if (!rate) throw new AppError('business_rule_violated', `no ${from} rate`);
      return rate;
    };
  };
  const calls: Array<{ fromCurrencies: readonly string[]; reportingCurrency: string; date: string }> = [];

  it('converts into a reporting currency per invoice, rounded once half-even, and never adds currencies in the document totals', async () => {
    const acme = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 1_000n, issueDate: '2026-05-01', dueDate: '2026-05-20' }); // EUR 10.00, 1–30
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 1n, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-20' }); // 0.005 → 0.00
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 3n, currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31' }); // 0.015 → 0.02, >90
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 12_345n, currency: 'JPY', issueDate: '2026-05-01', dueDate: '2026-06-15' }); // 74.07 EUR, current
    const aging = await arAging(t.ctx, { asOf: '2026-05-31', currency: 'EUR' }, { rates: halfRates });
    expect(calls).toEqual([{ fromCurrencies: ['JPY', 'USD'], reportingCurrency: 'EUR', date: '2026-05-31' }]);
    expect(aging.reportingCurrency).toBe('EUR');
    expect(aging.rates).toEqual([{ currency: 'JPY', rate: '0.006', rateDate: '2026-05-29' }, { currency: 'USD', rate: '0.5', rateDate: '2026-05-29' }]);
    expect(aging.totals).toEqual([
      { currency: 'EUR', buckets: { current: 0n, days1To30: 1_000n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 1_000n }, unappliedCreditsMinor: 0n, netMinor: 1_000n },
      { currency: 'JPY', buckets: { current: 12_345n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 12_345n }, unappliedCreditsMinor: 0n, netMinor: 12_345n },
      { currency: 'USD', buckets: { current: 0n, days1To30: 1n, days31To60: 0n, days61To90: 0n, over90: 3n, totalMinor: 4n }, unappliedCreditsMinor: 0n, netMinor: 4n },
    ]);
    const usd = aging.customers.find((row) => row.currency === 'USD');
    expect(usd?.invoices.map((invoice) => [invoice.amountDueMinor, invoice.reportingAmountDueMinor])).toEqual([[3n, 2n], [1n, 0n]]);
    expect(usd?.reportingBuckets).toEqual({ current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 2n, totalMinor: 2n });
    expect(aging.customers.find((row) => row.currency === 'EUR')?.reportingBuckets).toEqual({ current: 0n, days1To30: 1_000n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 1_000n });
    // 12 345 JPY × 0.006 = 74.07 EUR exactly; the reporting total is the sum of the converted invoices.
    expect(aging.reportingTotal).toEqual({ current: 7_407n, days1To30: 1_000n, days31To60: 0n, days61To90: 0n, over90: 2n, totalMinor: 8_409n });

    const plain = await arAging(t.ctx, { asOf: '2026-05-31' });
    expect([plain.reportingCurrency, plain.reportingTotal, plain.customers[0]?.reportingBuckets, plain.customers[0]?.invoices[0]?.reportingAmountDueMinor]).toEqual([null, null, null, null]);
  });

  it('needs no rates when every invoice is in the reporting currency, and says so when rates are missing', async () => {
    const acme = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 2_500n, issueDate: '2026-05-01', dueDate: '2026-05-20' });
    const own = await arAging(t.ctx, { asOf: '2026-05-31', currency: 'EUR' });
    expect([own.reportingTotal?.totalMinor, own.rates]).toEqual([2_500n, []]);
    await makeIssuedInvoice(t.ctx, acme, { totalMinor: 100n, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-20' });
    const noReader = await arAging(t.ctx, { asOf: '2026-05-31', currency: 'EUR' }).catch((error: unknown) => error);
    expect(noReader).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'querystring.currency' }] });
    const noRate = await arAging(t.ctx, { asOf: '2026-05-31', currency: 'GBP' }, { rates: halfRates }).catch((error: unknown) => error);
    expect(noRate).toBeInstanceOf(AppError);
  });
});
