import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { arAging, bucketOf } from './ar-aging.ts';
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
      { currency: 'EUR', buckets: { current: 1_000n, days1To30: 2_000n, days31To60: 3_000n, days61To90: 0n, over90: 4_000n, totalMinor: 10_000n } },
      { currency: 'USD', buckets: { current: 0n, days1To30: 9_999n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 9_999n } },
    ]);

    const june = await arAging(t.ctx, { asOf: '2026-06-30', currency: 'EUR' });
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
});
