import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { cancelSubscription } from '../cancel-subscription.ts';
import { changeSubscriptionItems } from '../change-subscription-items.ts';
import { lineSummary, scenarioKit } from './scenario-kit.ts';

// Stories on a fake clock with exact cents (docs/billing.md has each worked example).
// 10 seats × 49.00 = 490.00 a month unless told otherwise.
describe('billing scenarios', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
  });
  afterAll(() => t.close());

  it('calendar billing prorates the first period and then bills whole months on the 1st', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-15', billingMode: 'calendar' });
    const first = await kit.billOn(sub.id, '2026-01-15');
    expect(first.invoices.map(lineSummary)).toEqual([[[26871n, '2026-01-15', '2026-02-01', 'prorated 17/31 days']]]);
    expect(first.invoices[0]).toMatchObject({ status: 'issued', number: 'INV-2026-000001', totalMinor: 26871n, issueDate: '2026-01-15', dueDate: '2026-02-14' });
    const second = await kit.billOn(sub.id, '2026-02-01');
    expect(second.invoices.map(lineSummary)).toEqual([[[49000n, '2026-02-01', '2026-03-01', null]]]);
    expect(second.invoices[0]?.number).toBe('INV-2026-000002');
    expect((await kit.billOn(sub.id, '2026-02-01')).invoices).toEqual([]);
  });

  it('anniversary billing clamps to month end and returns to the 31st (Jan 31 → Feb 28 → Mar 31)', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-31' });
    const run = await kit.billOn(sub.id, '2026-03-31');
    expect(run.invoices.map((invoice) => [invoice.billingDate, invoice.periodStartDate, invoice.periodEndDate, invoice.totalMinor])).toEqual([
      ['2026-01-31', '2026-01-31', '2026-02-28', 49000n],
      ['2026-02-28', '2026-02-28', '2026-03-31', 49000n],
      ['2026-03-31', '2026-03-31', '2026-04-30', 49000n],
    ]);
  });

  it('anniversary first period in a leap year: Jan 31 → Feb 29 2028, and calendar proration over 29 days', async () => {
    const anniversary = await kit.subscribe({ startDate: '2028-01-31' });
    const run = await kit.billOn(anniversary.id, '2028-02-29');
    expect(run.invoices.map((invoice) => [invoice.periodStartDate, invoice.periodEndDate])).toEqual([['2028-01-31', '2028-02-29'], ['2028-02-29', '2028-03-31']]);
    const calendar = await kit.subscribe({ startDate: '2028-02-15', billingMode: 'calendar' });
    // 15 of February 2028's 29 days: 49000 × 15 / 29 = 25344.83 → 25345
    expect((await kit.billOn(calendar.id, '2028-02-15')).invoices.map(lineSummary)).toEqual([[[25345n, '2028-02-15', '2028-03-01', 'prorated 15/29 days']]]);
  });

  it('upgrade mid-period in advance: a credit line for the unused old price and the new price from the change day', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    await kit.billOn(sub.id, '2026-01-01');
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-01-16', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 20 }] });
    const run = await kit.billOn(sub.id, '2026-01-16');
    // Old: 15/31 × 49000 = 23709.68 → 23710 kept, 49000 billed → credit −25290. New: 16/31 × 98000 = 50580.65 → 50581.
    expect(run.invoices.map(lineSummary)).toEqual([[
      [-25290n, '2026-01-16', '2026-02-01', 'credit for unused time: 15/31 days of the period now billable, 49000 billed before'],
      [50581n, '2026-01-16', '2026-02-01', 'prorated 16/31 days'],
    ]]);
    expect(run.invoices[0]?.totalMinor).toBe(25291n);
    expect(run.invoices[0]?.lines.map((line) => line.lineKind)).toEqual(['credit', 'charge']);
  });

  it('upgrade mid-period in arrears: one invoice at the period end with both prorated pieces', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', item: { timing: 'in_arrears' } });
    expect((await kit.billOn(sub.id, '2026-01-01')).invoices).toEqual([]);
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-01-16', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 20 }] });
    expect((await kit.billOn(sub.id, '2026-01-31')).invoices).toEqual([]);
    const run = await kit.billOn(sub.id, '2026-02-01');
    expect(run.invoices.map(lineSummary)).toEqual([[
      [23710n, '2026-01-01', '2026-01-16', 'prorated 15/31 days'],
      [50581n, '2026-01-16', '2026-02-01', 'prorated 16/31 days'],
    ]]);
  });

  it('downgrade at period end: no credit, the next period at the new price', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    await kit.billOn(sub.id, '2026-01-01');
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-02-01', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 4 }] });
    const run = await kit.billOn(sub.id, '2026-02-01');
    expect(run.invoices.map(lineSummary)).toEqual([[[19600n, '2026-02-01', '2026-03-01', null]]]);
    expect(run.creditNotes).toEqual([]);
  });

  it('cancellation mid-period with credit: a credit note for the unused days', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    await kit.billOn(sub.id, '2026-01-01');
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    const run = await kit.billOn(sub.id, '2026-01-20');
    // kept 19/31 × 49000 = 30032.26 → 30032; credit 49000 − 30032 = 18968
    expect(run.invoices).toEqual([]);
    expect(run.creditNotes).toMatchObject([{ kind: 'adjustment', number: 'CN-2026-000001', totalMinor: 18968n, subtotalMinor: -18968n, issueDate: '2026-01-20' }]);
    expect(run.creditNotes[0]?.lines.map((line) => [line.amountMinor, line.periodStartDate, line.periodEndDate])).toEqual([[-18968n, '2026-01-20', '2026-02-01']]);
    expect((await kit.billOn(sub.id, '2026-03-01')).invoices).toEqual([]);
  });

  it('quarterly calendar and annual anniversary periods', async () => {
    const quarterly = await kit.subscribe({ startDate: '2026-02-10', billingMode: 'calendar', item: { billingIntervalMonths: 3 } });
    // Q1 2026 has 90 days; Feb 10 → Apr 1 is 50 of them: 49000 × 50/90 = 27222.22 → 27222
    expect((await kit.billOn(quarterly.id, '2026-04-01')).invoices.map(lineSummary)).toEqual([
      [[27222n, '2026-02-10', '2026-04-01', 'prorated 50/90 days']],
      [[49000n, '2026-04-01', '2026-07-01', null]],
    ]);
    const annual = await kit.subscribe({ startDate: '2026-03-01', item: { billingIntervalMonths: 12, quantity: 1, unitPriceMinor: 120000 } });
    expect((await kit.billOn(annual.id, '2027-02-28')).invoices.map(lineSummary)).toEqual([[[120000n, '2026-03-01', '2027-03-01', null]]]);
  });

  it('trial: nothing billed during the trial, the first paid piece prorated', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', trialEndDate: '2026-01-15', billingMode: 'calendar' });
    expect((await kit.billOn(sub.id, '2026-01-14')).invoices).toEqual([]);
    expect((await kit.billOn(sub.id, '2026-01-15')).invoices.map(lineSummary)).toEqual([[[26871n, '2026-01-15', '2026-02-01', 'prorated 17/31 days']]]);
  });

  it('a one-time fee is billed once, in full, with the first invoice', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', items: [{ itemKey: 'setup', kind: 'one_time', quantity: 1, unitPriceMinor: 50000 }, { itemKey: 'pro-seat', quantity: 1, unitPriceMinor: 4900 }] });
    const run = await kit.billOn(sub.id, '2026-02-01');
    expect(run.invoices.map((invoice) => invoice.lines.map((line) => [line.description, line.amountMinor, line.revenueKind, line.recognition]))).toEqual([
      [['pro-seat', 4900n, 'recurring', 'deferred'], ['setup', 50000n, 'one_time', 'immediate']],
      [['pro-seat', 4900n, 'recurring', 'deferred']],
    ]);
  });
});
