import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount } from '../crm/index.ts';
import { computeMetric, type MetricQuery, type MetricResult, type MovementRow } from './index.ts';
import type { CustomerContribution, OpportunityContribution } from './metric-types.ts';
import { EXAMPLE_DEALS, seedDeal, seedSubscriptionExample } from './test-fixtures/worked-example.ts';

// The worked examples of docs/metrics.md, computed through the services on a real database.
const bridge = (period: string, fields: Partial<MovementRow>): MovementRow => ({
  period, currency: 'USD', mrrStartMinor: 0, newMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, reactivationMinor: 0, mrrEndMinor: 0,
  customersStart: 0, customersNew: 0, customersChurned: 0, customersReactivated: 0, customersEnd: 0, ...fields,
});

describe('docs/metrics.md worked examples', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof seedSubscriptionExample>>;
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const values = async (name: string, query: MetricQuery) => (await metric(name, query)).series.map((p) => [p.period, p.value]);
  beforeAll(async () => {
    t = await createTestContext();
    ids = await seedSubscriptionExample(t.ctx);
    const deals = (await createAccount(t.ctx, { name: 'Pipeline Co', currency: 'USD' })).id;
    for (const deal of EXAMPLE_DEALS) await seedDeal(t.ctx, deals, deal);
  });
  afterAll(() => t.close());

  it('MRR, ARR, customers and ARPA at each month end', async () => {
    const range = { from: '2023-12', to: '2024-04' };
    expect(await values('mrr', range)).toEqual([['2023-12', 32_700], ['2024-01', 37_700], ['2024-02', 65_700], ['2024-03', 43_700], ['2024-04', 58_700]]);
    expect(await values('arr', { from: '2024-04', to: '2024-04' })).toEqual([['2024-04', 704_400]]);
    expect(await values('customers', range)).toEqual([['2023-12', 2], ['2024-01', 3], ['2024-02', 4], ['2024-03', 3], ['2024-04', 4]]);
    expect(await values('arpa', { from: '2024-03', to: '2024-04' })).toEqual([['2024-03', 14_567], ['2024-04', 14_675]]);
  });

  it('explains February MRR by customer and subscription, adding up to 657.00', async () => {
    const [point] = (await metric('mrr', { from: '2024-02', to: '2024-02', explain: true })).series;
    const contributions = point?.explain?.contributions as CustomerContribution[];
    const byAccount = Object.fromEntries(contributions.map((c) => [c.accountId, c.amountMinor]));
    expect(byAccount).toEqual({ [ids.acme]: 32_700, [ids.bravo]: 20_000, [ids.cobalt]: 5_000, [ids.delta]: 8_000 });
    expect(contributions.find((c) => c.accountId === ids.acme)?.subscriptions.map((s) => s.amountMinor)).toEqual([32_700]);
    expect(point?.explain?.settings).toMatchObject({ snapshotDate: '2024-02-29', interval: 'month', reportingCurrency: null });
  });

  it('bridges each month: new, expansion, contraction, churn, reactivation', async () => {
    expect(await computeMetric(t.ctx, 'mrr-movements', { from: '2024-01', to: '2024-04' })).toEqual([
      bridge('2024-01', { mrrStartMinor: 32_700, newMinor: 5_000, mrrEndMinor: 37_700, customersStart: 2, customersNew: 1, customersEnd: 3 }),
      bridge('2024-02', { mrrStartMinor: 37_700, newMinor: 8_000, expansionMinor: 20_000, mrrEndMinor: 65_700, customersStart: 3, customersNew: 1, customersEnd: 4 }),
      bridge('2024-03', { mrrStartMinor: 65_700, contractionMinor: 2_000, churnMinor: 20_000, mrrEndMinor: 43_700, customersStart: 4, customersChurned: 1, customersEnd: 3 }),
      bridge('2024-04', { mrrStartMinor: 43_700, reactivationMinor: 15_000, mrrEndMinor: 58_700, customersStart: 3, customersReactivated: 1, customersEnd: 4 }),
    ]);
  });

  it('bridges a quarter from its start to its end only: Cobalt is new at 30.00, its contraction inside Q1 unseen', async () => {
    expect(await computeMetric(t.ctx, 'mrr-movements', { from: '2024-01', to: '2024-03', interval: 'quarter' })).toEqual([
      bridge('2024-Q1', { mrrStartMinor: 32_700, newMinor: 11_000, expansionMinor: 20_000, churnMinor: 20_000, mrrEndMinor: 43_700, customersStart: 2, customersNew: 2, customersChurned: 1, customersEnd: 3 }),
    ]);
  });

  it('breaks March down by account segment', async () => {
    const rows = (await computeMetric(t.ctx, 'mrr-movements', { from: '2024-03', to: '2024-03', segment: 'segment' })) as MovementRow[];
    expect(rows).toEqual([
      { ...bridge('2024-03', { mrrStartMinor: 20_000, churnMinor: 20_000, customersStart: 1, customersChurned: 1 }), segment: 'enterprise' },
      { ...bridge('2024-03', { mrrStartMinor: 45_700, contractionMinor: 2_000, mrrEndMinor: 43_700, customersStart: 3, customersEnd: 3 }), segment: 'smb' },
    ]);
  });

  it('churn rates divide by the start of the period', async () => {
    const range = { from: '2024-02', to: '2024-04' };
    expect(await values('customer-churn-rate', range)).toEqual([['2024-02', 0], ['2024-03', 0.25], ['2024-04', 0]]);
    expect(await values('gross-mrr-churn-rate', range)).toEqual([['2024-02', 0], ['2024-03', 0.3349], ['2024-04', 0]]);
    expect(await values('net-mrr-churn-rate', range)).toEqual([['2024-02', -0.5305], ['2024-03', 0.3349], ['2024-04', -0.3432]]);
    const [march] = (await metric('gross-mrr-churn-rate', { from: '2024-03', to: '2024-03' })).series;
    expect([march?.['numerator'], march?.['denominator']]).toEqual([22_000, 65_700]);
  });

  it('NRR and GRR over the trailing twelve months (cohort: Acme and Bravo at 2023-12-31)', async () => {
    const [nrr] = (await metric('nrr', { from: '2024-12', to: '2024-12' })).series;
    const [grr] = (await metric('grr', { from: '2024-12', to: '2024-12' })).series;
    expect([nrr?.value, nrr?.['numerator'], nrr?.['denominator']]).toEqual([1, 32_700, 32_700]);
    expect([grr?.value, grr?.['numerator'], grr?.['denominator']]).toEqual([0.3884, 12_700, 32_700]);
  });

  it('win rate, sales cycle and bookings by close date', async () => {
    const [winRate] = (await metric('win-rate', { from: '2024-03', to: '2024-03' })).series;
    expect(winRate).toMatchObject({ period: '2024-03', value: 0.75, wonCount: 3, lostCount: 1, byValue: [{ currency: 'USD', value: 0.4595, wonMinor: 1_700_000, lostMinor: 2_000_000 }] });
    const [cycle] = (await metric('sales-cycle-days', { from: '2024-03', to: '2024-03' })).series;
    expect(cycle).toMatchObject({ period: '2024-03', value: 39.33, mean: 39.33, median: 30, count: 3 });
    expect(await values('bookings', { from: '2024-03', to: '2024-04' })).toEqual([['2024-03', 1_700_000], ['2024-04', 300_000]]);
    const [explained] = (await metric('bookings', { from: '2024-03', to: '2024-03', explain: true })).series;
    const deals = explained?.explain?.contributions as OpportunityContribution[];
    expect(deals.map((d) => [d.amountMinor, d.days])).toEqual([[1_000_000, 59], [500_000, 29], [200_000, 30]]);
  });
});
