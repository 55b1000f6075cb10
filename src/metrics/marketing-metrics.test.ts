import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import { importSpendCsv } from './import-plan-data.ts';
import type { RecordContribution } from './metric-types.ts';
import { seedMarketingExample } from './test-fixtures/marketing-example.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

// docs/metrics.md "Marketing" and "Unit economics" worked examples, on the subscription example.
describe('marketing and unit economics worked examples', () => {
  let t: TestContext;
  let marketing: Awaited<ReturnType<typeof seedMarketingExample>>;
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const pick = async (name: string, query: MetricQuery, fields: string[]) => (await metric(name, query)).series.map((p) => fields.map((f) => p[f]));
  beforeAll(async () => {
    t = await createTestContext();
    await seedSubscriptionExample(t.ctx);
    marketing = await seedMarketingExample(t.ctx, t.clock);
    t.clock.set('2026-01-15T09:00:00Z');
  });
  afterAll(() => t.close());

  it('imports spend idempotently and reports bad rows', async () => {
    const result = await importSpendCsv(t.ctx, 'date,kind,category,amount,currency\n2024-01,marketing,ads,300.00,USD\n2024-01-32,sales,x,1,USD\n2024-02,rent,x,1,USD\n2024-02,sales,x,1.001,USD\n');
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rows: 1 });
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([[3, 'date'], [4, 'kind'], [5, 'amount']]);
    // The seeding import wrote one audit entry; this one changed nothing and wrote none.
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_type', '=', 'marketing_spend').execute();
    expect(audits).toEqual([{ action: 'import', entity_type: 'marketing_spend' }]);
  });

  it('spend: imported lines plus the webinar cost spread over its days (103.33 in February, 206.67 in March)', async () => {
    expect(await pick('sales-marketing-spend', { from: '2024-01', to: '2024-03' }, ['period', 'currency', 'value', 'salesMinor', 'marketingMinor'])).toEqual([
      ['2024-01', 'USD', 50_000, 20_000, 30_000], ['2024-02', 'USD', 50_333, 0, 50_333], ['2024-03', 'USD', 20_667, 0, 20_667],
    ]);
    const [february] = (await metric('sales-marketing-spend', { from: '2024-02', to: '2024-02', explain: true })).series;
    const contributions = february?.explain?.contributions as RecordContribution[];
    expect(contributions.map((c) => [c.recordType, c['amountMinor']])).toEqual([['spend_line', 40_000], ['campaign', 10_333]]);
  });

  it('CAC, CAC payback and cost per lead', async () => {
    const range = { from: '2024-01', to: '2024-03' };
    expect(await pick('cac', range, ['period', 'value', 'spendMinor', 'newCustomers'])).toEqual([['2024-01', 50_000, 50_000, 1], ['2024-02', 50_333, 50_333, 1], ['2024-03', null, 20_667, 0]]);
    expect(await pick('cac-payback-months', range, ['period', 'value', 'newMrrMinor'])).toEqual([['2024-01', 10, 5_000], ['2024-02', 6.29, 8_000], ['2024-03', null, 0]]);
    expect(await pick('cac-payback-months', { ...range, grossMargin: '0.8' }, ['value'])).toEqual([[12.5], [7.86], [null]]);
    expect(await pick('cost-per-lead', range, ['period', 'value', 'spendMinor', 'leads'])).toEqual([['2024-01', 7_500, 30_000, 4], ['2024-02', null, 50_333, 0], ['2024-03', null, 20_667, 0]]);
    await expect(metric('cac', { ...range, segment: 'segment' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('marketing-sourced pipeline and revenue, and campaign ROI', async () => {
    expect(await pick('marketing-sourced-pipeline', { from: '2024-02', to: '2024-03' }, ['period', 'value', 'count'])).toEqual([['2024-02', 100_000, 1], ['2024-03', 0, 0]]);
    expect(await pick('marketing-sourced-revenue', { from: '2024-02', to: '2024-03' }, ['period', 'value', 'count'])).toEqual([['2024-02', 0, 0], ['2024-03', 100_000, 1]]);
    const [roi] = (await metric('campaign-roi', { from: '2024-02', to: '2024-02', explain: true })).series;
    expect(roi).toMatchObject({ value: 2.2258, wonMinor: 100_000, costMinor: 31_000, numerator: 69_000, denominator: 31_000 });
    expect(roi?.explain?.contributions).toEqual([{ recordType: 'campaign', id: marketing.webinarId, name: 'Webinar', startDate: '2024-02-20', costMinor: 31_000, wonMinor: 100_000, wonCount: 1 }]);
  });

  it('SaaS Quick Ratio from the movements', async () => {
    expect(await pick('quick-ratio', { from: '2024-02', to: '2024-04' }, ['period', 'value', 'numerator', 'denominator'])).toEqual([
      ['2024-02', null, 28_000, 0], ['2024-03', 0, 0, 22_000], ['2024-04', null, 15_000, 0],
    ]);
    // Q1: new 110.00 + expansion 200.00 over churn 200.00
    expect(await pick('quick-ratio', { from: '2024-01', to: '2024-03', interval: 'quarter' }, ['value'])).toEqual([[1.55]]);
  });

  it('LTV with and without gross margin, churn taken monthly', async () => {
    // March: ARPA 437.00 ÷ 3 over monthly churn 1 ÷ 4 = 582.666… → 582.67
    expect(await pick('ltv', { from: '2024-03', to: '2024-03' }, ['value', 'arpaMinor', 'monthlyChurnRate'])).toEqual([[58_267, 14_567, 0.25]]);
    expect(await pick('gross-margin-ltv', { from: '2024-03', to: '2024-03', grossMargin: '0.8' }, ['value', 'grossMargin'])).toEqual([[46_613, '0.8']]);
    // Q1: churn 1 of 2 + 3 + 4 customer-months → 437.00 × 9 ÷ 3 = 1,311.00
    expect(await pick('ltv', { from: '2024-01', to: '2024-03', interval: 'quarter' }, ['value', 'monthlyChurnRate'])).toEqual([[131_100, 0.1111]]);
    expect(await pick('ltv', { from: '2024-02', to: '2024-02' }, ['value'])).toEqual([[null]]);
    await expect(metric('gross-margin-ltv', { from: '2024-03', to: '2024-03', grossMargin: '1.5' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
