import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { LEDGER_ACCOUNTS, trialBalance } from '../../ledger/index.ts';
import { cancelSubscription } from '../cancel-subscription.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';
import { runBilling } from '../invoicing/run-billing.ts';
import { recognizeRevenue } from './recognize-revenue.ts';

// A cancellation credit for unused in-advance time (an adjustment credit note) takes the credited days
// out of revenue: the invoice's deferred line keeps being recognised to its period end, so the credit
// note's deferred lines are recognised (negatively) over the days they credit. Without that, revenue
// kept the credited amount and deferred revenue ended negative by it.
describe('recognition of adjustment credit notes', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestContext({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  async function balances(asOfDate: string) {
    const rows = (await trialBalance(t.ctx, { asOfDate })).rows;
    const of = (code: string) => rows.filter((row) => row.accountCode === code).reduce((sum, row) => sum + row.credit.amountMinor - row.debit.amountMinor, 0n);
    return { deferred: of(LEDGER_ACCOUNTS.deferredRevenue), revenue: of(LEDGER_ACCOUNTS.subscriptionRevenue) };
  }

  it('a monthly cancellation: revenue is the kept days, deferred revenue ends at zero', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    await kit.billOn(sub.id, '2026-01-01');
    await recognizeRevenue(t.ctx, { date: '2026-01-19' });
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    expect((await kit.billOn(sub.id, '2026-01-20')).creditNotes.map((note) => note.totalMinor)).toEqual([18968n]);
    // 19 of 31 days kept: 49000 × 19/31 = 30032.26 → 30032 recognised by Jan 19, and no more at these dates
    // (between them a day can differ by a cent: the invoice line and the credit line each round once).
    for (const date of ['2026-01-20', '2026-01-25', '2026-01-31', '2026-02-28']) {
      await recognizeRevenue(t.ctx, { date });
      expect({ date, ...(await balances(date)) }).toEqual({ date, deferred: 0n, revenue: 30032n });
    }
    // Idempotent: a second pass posts nothing.
    expect((await recognizeRevenue(t.ctx, { date: '2026-02-28' })).entries).toBe(0);
  });
});

describe('recognition of adjustment credit notes over a year', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestContext({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  it('an annual cancellation on Apr 1, billed by the run: month ends after it show only the kept quarter', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', item: { billingIntervalMonths: 12, quantity: 1, unitPriceMinor: 120000 } });
    await runBilling(t.ctx, { date: '2026-01-01', issue: true });
    t.clock.set('2026-03-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-04-01' });
    t.clock.set('2026-04-01T06:00:00Z');
    const run = await runBilling(t.ctx, { date: '2026-04-01', issue: true });
    expect(run.creditNotesIssued).toBe(1);
    // Kept Jan 1 – Apr 1 = 90 of 365 days: 120000 × 90/365 = 29589.04 → 29589.
    for (const date of ['2026-04-30', '2026-12-31']) {
      await runBilling(t.ctx, { date, issue: true });
      const rows = (await trialBalance(t.ctx, { asOfDate: date })).rows;
      const of = (code: string) => rows.filter((row) => row.accountCode === code).reduce((sum, row) => sum + row.credit.amountMinor - row.debit.amountMinor, 0n);
      expect({ date, deferred: of(LEDGER_ACCOUNTS.deferredRevenue), revenue: of(LEDGER_ACCOUNTS.subscriptionRevenue) }).toEqual({ date, deferred: 0n, revenue: 29589n });
    }
  });
});
