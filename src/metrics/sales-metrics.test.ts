import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { changeOpportunityStage, createAccount, createOpportunity } from '../crm/index.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import { importEcbRatesCsv } from './import-fx-rates.ts';
import { importSalesTargetsCsv } from './import-plan-data.ts';
import type { OpportunityContribution, RecordContribution } from './metric-types.ts';
import { seedPipelineExample } from './test-fixtures/pipeline-example.ts';

// docs/metrics.md "Sales" worked examples: O1–O5 closed, P1–P3 open.
describe('sales metrics worked examples', () => {
  let t: TestContext;
  let ids: Record<string, string>;
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const pick = async (name: string, query: MetricQuery, fields: string[]) => (await metric(name, query)).series.map((p) => fields.map((f) => p[f]));
  beforeAll(async () => {
    t = await createTestContext();
    ids = await seedPipelineExample(t.ctx);
  });
  afterAll(() => t.close());

  it('win/loss ratio, average deal size and time to close by close month', async () => {
    const range = { from: '2024-03', to: '2024-04' };
    expect(await pick('win-loss-ratio', range, ['period', 'value', 'wonCount', 'lostCount'])).toEqual([['2024-03', 3, 3, 1], ['2024-04', null, 1, 0]]);
    // 17,000.00 ÷ 3 = 5,666.666… → 5,666.67
    expect(await pick('average-deal-size', range, ['period', 'currency', 'value', 'wonMinor', 'count'])).toEqual([['2024-03', 'USD', 566_667, 1_700_000, 3], ['2024-04', 'USD', 300_000, 300_000, 1]]);
    // won and lost: 59, 29, 60, 30 days
    expect(await pick('time-to-close', range, ['period', 'value', 'mean', 'median', 'count', 'lostCount'])).toEqual([['2024-03', 44.5, 44.5, 44.5, 4, 1], ['2024-04', 23, 23, 23, 1, 0]]);
  });

  it('reports by day; MRR metrics refuse days and weeks', async () => {
    const days = await metric('time-to-close', { from: '2024-03', to: '2024-03', interval: 'day' });
    expect(days.series).toHaveLength(31);
    expect(days.series.filter((p) => p['count'] !== 0).map((p) => [p.period, p.value])).toEqual([['2024-03-01', 59], ['2024-03-15', 29], ['2024-03-20', 60], ['2024-03-31', 30]]);
    await expect(metric('mrr', { from: '2024-03', to: '2024-03', interval: 'week' })).rejects.toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'querystring.interval' }] });
  });

  it('open pipeline at each month end, as it stood then, weighted by stage probability', async () => {
    expect(await pick('pipeline-value', { from: '2024-02', to: '2024-04' }, ['period', 'value', 'weightedMinor', 'count'])).toEqual([
      ['2024-02', 4_300_000, 1_480_000, 4], ['2024-03', 1_500_000, 680_000, 3], ['2024-04', 1_800_000, 800_000, 3],
    ]);
    const [march] = (await metric('pipeline-value', { from: '2024-03', to: '2024-03', explain: true })).series;
    const contributions = march?.explain?.contributions as OpportunityContribution[];
    expect(contributions.map((c) => [c.opportunityId, c.stage, c.amountMinor]).sort()).toEqual([[ids['O5'], 'discovery', 300_000], [ids['P1'], 'proposal', 800_000], [ids['P2'], 'qualification', 400_000]].sort());
    expect(contributions.reduce((sum, c) => sum + c.amountMinor, 0)).toBe(march?.value);
  });

  it('pipeline coverage: open pipeline closing in the period, at its start, over the imported target', async () => {
    const result = await importSalesTargetsCsv(t.ctx, 'month,amount,currency\n2024-04,20000.00,USD\n2024-05,10000,USD\n2024-06,10000.00,usd\n2024-13,1,USD\n');
    expect(result).toMatchObject({ inserted: 3, rows: 3, rejected: [{ line: 5, column: 'month' }] });
    expect(await importSalesTargetsCsv(t.ctx, 'month,amount,currency\n2024-04,20000.00,USD\n')).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await pick('pipeline-coverage', { from: '2024-04', to: '2024-04' }, ['period', 'value', 'pipelineMinor', 'targetMinor'])).toEqual([['2024-04', 0.55, 1_100_000, 2_000_000]]);
    expect(await pick('pipeline-coverage', { from: '2024-04', to: '2024-06', interval: 'quarter' }, ['period', 'value', 'pipelineMinor', 'targetMinor'])).toEqual([['2024-Q2', 0.375, 1_500_000, 4_000_000]]);
  });

  it('pipeline velocity: 3 open × 5,666.67 × 0.75 ÷ 39.33 days = 324.15 a day', async () => {
    const [march] = (await metric('pipeline-velocity', { from: '2024-03', to: '2024-03' })).series;
    expect(march).toMatchObject({ value: 32_415, openCount: 3, averageDealSizeMinor: 566_667, winRate: 0.75, salesCycleDays: 39.33, currency: 'USD' });
  });

  it('stage conversion by the month of first entry, and time in stage by the month it was left', async () => {
    const conversion = await metric('stage-conversion-rate', { from: '2024-01', to: '2024-03' });
    const discovery = conversion.series.filter((p) => p['stage'] === 'discovery').map((p) => [p.period, p.value, p['entered'], p['advanced'], p['lost']]);
    expect(discovery).toEqual([['2024-01', 0.5, 2, 1, 1], ['2024-02', 1, 1, 1, 0], ['2024-03', 1, 2, 2, 0]]);
    expect(conversion.series.filter((p) => p.period === '2024-03').map((p) => [p['stage'], p.value])).toEqual([
      ['prospecting', null], ['qualification', 0], ['discovery', 1], ['proposal', 0], ['negotiation', null],
    ]);
    // 59.125, 29.125, 60.125, 30.125 days: mean 44.625 → 44.62 (half-even), median likewise
    const time = await metric('time-in-stage', { from: '2024-03', to: '2024-03', explain: true });
    const march = time.series.filter((p) => p['stage'] === 'discovery' || p['stage'] === 'prospecting');
    expect(march.map((p) => [p['stage'], p.value, p['median'], p['count']])).toEqual([['prospecting', 33, 33, 1], ['discovery', 44.62, 44.62, 4]]);
    expect((march[1]?.explain?.contributions as RecordContribution[]).map((c) => c['days']).sort()).toEqual([29.125, 30.125, 59.125, 60.125]);
  });

  it('covers a segment with the targets set for it', async () => {
    await importSalesTargetsCsv(t.ctx, 'month,amount,currency,breakdown,breakdown_value\n2024-04,10000.00,USD,segment,smb\n2024-04,5000.00,USD,segment,enterprise\n');
    expect(await pick('pipeline-coverage', { from: '2024-04', to: '2024-04', segment: 'segment' }, ['segment', 'value', 'pipelineMinor', 'targetMinor'])).toEqual([
      ['enterprise', 0, 0, 500_000], ['smb', 1.1, 1_100_000, 1_000_000],
    ]);
  });

  it('converts each won deal at its close date for a reporting currency, rounding once per deal', async () => {
    await importEcbRatesCsv(t.ctx, 'Date,USD\n2024-03-29,1.0850\n2024-03-15,1.0850\n2024-03-01,1.0850\n');
    // 10,000.00 → 9,216.59; 5,000.00 → 4,608.29; 2,000.00 → 1,843.32 EUR; ÷ 3 = 5,222.733… → 5,222.73
    const result = await metric('average-deal-size', { from: '2024-03', to: '2024-03', currency: 'EUR', explain: true });
    expect(result).toMatchObject({ currency: 'EUR', series: [{ currency: 'EUR', value: 522_273, wonMinor: 1_566_820, count: 3 }] });
    const contributions = result.series[0]?.explain?.contributions as OpportunityContribution[];
    expect(contributions.map((c) => c.convertedMinor).sort()).toEqual([184_332, 460_829, 921_659]);
  });

  it('breaks sales metrics down by account segment and refuses plan', async () => {
    expect(await pick('win-loss-ratio', { from: '2024-03', to: '2024-03', segment: 'segment' }, ['segment', 'value'])).toEqual([['smb', 3]]);
    await expect(metric('pipeline-value', { from: '2024-03', to: '2024-03', segment: 'plan' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('open pipeline of opportunities without stage history (imported without one)', () => {
  it('is open from creation to close: in its stage while open, stage unknown and weighted 0 once closed', async () => {
    const t = await createTestContext({ start: '2024-02-10T09:00:00Z' });
    const accountId = (await createAccount(t.ctx, { name: 'No History Co', currency: 'USD' })).id;
    const open = await createOpportunity(t.ctx, { accountId, name: 'Open', amount: { amountMinor: 100_000, currency: 'USD' }, stage: 'proposal', closeDate: '2024-06-30' });
    const closing = await createOpportunity(t.ctx, { accountId, name: 'Closing', amount: { amountMinor: 50_000, currency: 'USD' }, stage: 'negotiation', closeDate: '2024-03-15' });
    t.clock.set('2024-03-15T12:00:00Z');
    await changeOpportunityStage(t.ctx, { id: closing.id, expectedVersion: closing.version, stage: 'closed_won' });
    // What an import that brings no history leaves behind.
    await t.ctx.db.deleteFrom('opportunity_stage_history' as never).where('opportunity_id' as never, 'in', [open.id, closing.id] as never).execute();
    t.clock.set('2024-05-01T00:00:00Z');
    const result = (await computeMetric(t.ctx, 'pipeline-value', { from: '2024-02', to: '2024-03', explain: true })) as MetricResult;
    // February: both open; the one closed since has no known stage then (weighted 0): 1,000.00 × 60 % only. March: only the open one.
    expect(result.series.map((p) => [p.period, p.value, p['weightedMinor'], p['count']])).toEqual([['2024-02', 150_000, 60_000, 2], ['2024-03', 100_000, 60_000, 1]]);
    expect((result.series[0]?.explain?.contributions as OpportunityContribution[]).map((c) => [c.opportunityId, c.stage])).toEqual([[open.id, 'proposal'], [closing.id, undefined]].sort());
    await t.close();
  });
});
