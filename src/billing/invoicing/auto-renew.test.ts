import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { auditTrail } from '../fixtures.ts';
import { cancelSubscription } from '../cancel-subscription.ts';
import { getSubscription } from '../get-subscription.ts';
import { scenarioKit } from './scenario-kit.ts';
import { runBilling } from './run-billing.ts';
import { previewInvoices } from './preview-invoices.ts';

// A fixed-term subscription with autoRenew (the default) renews for another term of the same length
// when its term ends (issue #5: "renew"); before, billing silently stopped at the end date.
describe('auto-renewal at the end of the term', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestContext({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  it('renews a yearly term on its end date, once, and bills the new term', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', endDate: '2027-01-01', billingMode: 'calendar' });
    const stopped = await kit.subscribe({ startDate: '2026-01-01', endDate: '2027-01-01', billingMode: 'calendar', autoRenew: false });
    await runBilling(t.ctx, { date: '2026-12-31', issue: true });
    expect((await getSubscription(t.ctx, sub.id)).endDate).toBe('2027-01-01');
    t.clock.set('2027-01-01T06:00:00Z');
    const preview = await previewInvoices(t.ctx, { subscriptionId: sub.id, date: '2027-01-01' });
    expect(preview.invoices.map((invoice) => [invoice.periodStartDate, invoice.totalMinor])).toEqual([['2027-01-01', 49000n]]);
    expect((await getSubscription(t.ctx, sub.id)).endDate).toBe('2027-01-01');
    await runBilling(t.ctx, { date: '2027-01-01', issue: true });
    await runBilling(t.ctx, { date: '2027-01-01', issue: true });
    const renewed = await getSubscription(t.ctx, sub.id);
    expect(renewed).toMatchObject({ endDate: '2028-01-01', status: 'active', autoRenew: true });
    expect((await auditTrail(t.ctx, 'subscription', sub.id)).filter((entry) => entry.action === 'renew')).toHaveLength(1);
    expect((await kit.billOn(sub.id, '2027-01-01')).invoices).toEqual([]);
    const invoices = await t.ctx.db.withTables<{ invoices: { subscription_id: string; billing_date: string } }>().selectFrom('invoices')
      .select('billing_date').where('subscription_id', '=', sub.id).where('billing_date', '>=', '2027-01-01').execute();
    expect(invoices.map((row) => row.billing_date)).toEqual(['2027-01-01']);
    expect((await getSubscription(t.ctx, stopped.id)).endDate).toBe('2027-01-01');
    expect((await previewInvoices(t.ctx, { subscriptionId: stopped.id, date: '2027-02-01' })).invoices).toEqual([]);
  });

  it('renews month-end terms from the start (Jan 31 → Feb 28 → Mar 31), catching up missed terms', async () => {
    t.clock.set('2026-01-31T06:00:00Z');
    const sub = await kit.subscribe({ startDate: '2026-01-31', endDate: '2026-02-28' });
    t.clock.set('2026-04-05T06:00:00Z');
    await runBilling(t.ctx, { date: '2026-04-05' });
    expect((await getSubscription(t.ctx, sub.id)).endDate).toBe('2026-04-30');
  });

  it('a cancelled subscription does not renew', async () => {
    t.clock.set('2026-01-01T06:00:00Z');
    const sub = await kit.subscribe({ startDate: '2026-01-01', endDate: '2026-07-01' });
    await cancelSubscription(t.ctx, { id: sub.id, atPeriodEnd: true });
    t.clock.set('2026-08-01T06:00:00Z');
    await runBilling(t.ctx, { date: '2026-08-01' });
    expect((await getSubscription(t.ctx, sub.id)).endDate).toBe('2026-02-01');
  });
});
