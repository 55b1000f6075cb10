import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { cancelSubscription, createSubscription, listInvoices, runBilling } from '../billing/index.ts';
import { accountBalance, LEDGER_ACCOUNTS } from '../ledger/index.ts';
import { applyCreditNotes } from './apply-credit-notes.ts';
import { arAging, type ArAging } from './ar-aging.ts';
import type { AgingRateReader } from './ar-aging-reporting.ts';
import { makeCustomer } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';

// The aging's net AR (open invoices − credit notes not yet applied) is the ledger's AR account:
// a credit note credits AR when it is issued, before it settles any invoice (docs/payments.md
// "AR aging"). Overpayments are customer credit (2200), not AR, so they stay out of it.
describe('AR aging reconciles with the ledger', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-01-01T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  async function bill(date: string): Promise<void> {
    t.clock.set(`${date}T09:00:00Z`);
    expect((await runBilling(t.ctx, { date, issue: true })).errors).toEqual([]);
  }
  async function invoicesOf(accountId: string) {
    return (await listInvoices(t.ctx, { accountId })).data.sort((a, b) => ((a.issueDate ?? '') < (b.issueDate ?? '') ? -1 : 1));
  }
  async function ledgerAr(asOfDate: string, currency: string): Promise<bigint> {
    return (await accountBalance(t.ctx, LEDGER_ACCOUNTS.accountsReceivable, { asOfDate, currency })).balance.amountMinor;
  }
  async function expectReconciled(aging: ArAging): Promise<void> {
    expect(aging.totals.length).toBeGreaterThan(0);
    for (const total of aging.totals) {
      expect([total.currency, total.netMinor]).toEqual([total.currency, await ledgerAr(aging.asOfDate, total.currency)]);
      expect(total.netMinor).toBe(total.buckets.totalMinor - total.unappliedCreditsMinor);
    }
  }

  it('nets unapplied credit notes per customer and currency; net AR equals the ledger AR on every date', async () => {
    const aged = await makeCustomer(t.ctx); // four monthly invoices of different ages, one part-paid
    const cancelled = await makeCustomer(t.ctx); // paid in advance, cancelled: its credit note has nothing to settle
    const generous = await makeCustomer(t.ctx); // pays more than owed
    const american = await makeCustomer(t.ctx, { currency: 'USD' });
    await createSubscription(t.ctx, { accountId: aged, currency: 'EUR', startDate: '2026-01-01', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 10_000 }] });
    const toCancel = await createSubscription(t.ctx, { accountId: cancelled, currency: 'EUR', startDate: '2026-01-01', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4_900 }] });
    await createSubscription(t.ctx, { accountId: generous, currency: 'EUR', startDate: '2026-01-01', endDate: '2026-02-01', autoRenew: false, items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 20_000 }] });
    await createSubscription(t.ctx, { accountId: american, currency: 'USD', startDate: '2026-01-01', endDate: '2026-02-01', autoRenew: false, items: [{ itemKey: 'seat', quantity: 3, unitPriceMinor: 3_333 }] });
    await bill('2026-01-01');
    const [cancelledJanuary] = await invoicesOf(cancelled);
    const [generousJanuary] = await invoicesOf(generous);
    expect([cancelledJanuary?.totalMinor, generousJanuary?.totalMinor]).toEqual([49_000n, 20_000n]);

    t.clock.set('2026-01-10T09:00:00Z');
    await recordPayment(t.ctx, { accountId: cancelled, amount: { amountMinor: 49_000n, currency: 'EUR' }, receivedDate: '2026-01-10' });
    await recordPayment(t.ctx, { accountId: generous, amount: { amountMinor: 25_000n, currency: 'EUR' }, receivedDate: '2026-01-10' }); // 5 000 left as credit
    t.clock.set('2026-01-20T09:00:00Z');
    await cancelSubscription(t.ctx, { id: toCancel.id, cancelDate: '2026-01-20' });
    await bill('2026-01-20'); // credit note for Jan 20–31: 12/31 of 49 000 = 18 968
    expect(await applyCreditNotes(t.ctx, { accountId: cancelled, currency: 'EUR' })).toEqual([]); // nothing open to settle

    await bill('2026-02-01');
    const [january] = await invoicesOf(aged);
    t.clock.set('2026-02-10T09:00:00Z');
    await recordPayment(t.ctx, { accountId: aged, amount: { amountMinor: 4_000n, currency: 'EUR' }, receivedDate: '2026-02-10', allocations: [{ invoiceId: january?.id ?? '', amountMinor: 4_000n }] });
    await bill('2026-03-01');
    await bill('2026-04-01');
    t.clock.set('2026-04-15T09:00:00Z');

    const april = await arAging(t.ctx, { asOf: '2026-04-15' });
    const agedRow = april.customers.find((row) => row.accountId === aged);
    // Net 30: due 01-31 (74 days), 03-03 (43), 03-31 (15), 05-01 (current); January part-paid.
    expect(agedRow?.buckets).toEqual({ current: 10_000n, days1To30: 10_000n, days31To60: 10_000n, days61To90: 6_000n, over90: 0n, totalMinor: 36_000n });
    expect([agedRow?.unappliedCreditsMinor, agedRow?.netMinor]).toEqual([0n, 36_000n]);
    const cancelledRow = april.customers.find((row) => row.accountId === cancelled);
    expect(cancelledRow).toMatchObject({ currency: 'EUR', invoices: [], unappliedCreditsMinor: 18_968n, netMinor: -18_968n });
    expect(cancelledRow?.buckets.totalMinor).toBe(0n);
    expect(cancelledRow?.credits).toEqual([expect.objectContaining({ issueDate: '2026-01-20', unappliedMinor: 18_968n, reportingUnappliedMinor: null })]);
    expect(april.customers.find((row) => row.accountId === generous)).toBeUndefined(); // its 5 000 of credit is 2200, not AR
    expect(april.totals).toEqual([
      { currency: 'EUR', buckets: { current: 10_000n, days1To30: 10_000n, days31To60: 10_000n, days61To90: 6_000n, over90: 0n, totalMinor: 36_000n }, unappliedCreditsMinor: 18_968n, netMinor: 17_032n },
      { currency: 'USD', buckets: { current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 9_999n, over90: 0n, totalMinor: 9_999n }, unappliedCreditsMinor: 0n, netMinor: 9_999n },
    ]);
    await expectReconciled(april);
    for (const asOf of ['2026-01-01', '2026-01-10', '2026-01-19', '2026-01-20', '2026-02-01', '2026-02-10', '2026-03-15']) {
      await expectReconciled(await arAging(t.ctx, { asOf }));
    }
    // Before the credit note, nothing is netted.
    expect((await arAging(t.ctx, { asOf: '2026-01-19' })).totals.find((total) => total.currency === 'EUR')?.unappliedCreditsMinor).toBe(0n);
  });

  it('converts unapplied credit notes into the reporting currency once each, and nets them in the reporting total', async () => {
    const customer = await makeCustomer(t.ctx, { currency: 'USD' });
    const subscription = await createSubscription(t.ctx, { accountId: customer, currency: 'USD', startDate: '2026-01-01', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 3_100 }] });
    await bill('2026-01-01');
    t.clock.set('2026-01-05T09:00:00Z');
    await recordPayment(t.ctx, { accountId: customer, amount: { amountMinor: 3_100n, currency: 'USD' }, receivedDate: '2026-01-05' });
    t.clock.set('2026-01-21T09:00:00Z');
    await cancelSubscription(t.ctx, { id: subscription.id, cancelDate: '2026-01-21' });
    await bill('2026-01-21'); // 11 of 31 days: USD 11.00 of credit
    const halfRates: AgingRateReader = async () => () => ({ base: 'USD', quote: 'EUR', numerator: 1n, denominator: 2n, rateDate: '2026-01-21', text: '0.5' });
    const aging = await arAging(t.ctx, { asOf: '2026-01-21', currency: 'EUR' }, { rates: halfRates });
    expect(aging.rates.map((rate) => rate.currency)).toEqual(['USD']);
    const row = aging.customers[0];
    expect([row?.unappliedCreditsMinor, row?.netMinor, row?.reportingUnappliedCreditsMinor, row?.reportingNetMinor]).toEqual([1_100n, -1_100n, 550n, -550n]);
    expect(row?.credits[0]?.reportingUnappliedMinor).toBe(550n);
    expect([aging.reportingUnappliedCreditsMinor, aging.reportingNetMinor]).toEqual([550n, -550n]);
    await expectReconciled(aging);
  });
});
