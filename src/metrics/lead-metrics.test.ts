import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import type { RecordContribution } from './metric-types.ts';
import { seedLeadExample } from './test-fixtures/lead-example.ts';

// docs/metrics.md "Lead funnel" worked example: L1–L5.
describe('lead funnel worked examples', () => {
  let t: TestContext;
  let ids: Record<string, string>;
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const values = async (name: string, query: MetricQuery) => (await metric(name, query)).series.map((p) => [p.period, p.value]);
  beforeAll(async () => {
    t = await createTestContext({ start: '2024-01-01T00:00:00Z' });
    ids = await seedLeadExample(t.ctx, t.clock);
    t.clock.set('2024-06-01T00:00:00Z');
  });
  afterAll(() => t.close());

  it('counts new leads, MQLs and SQLs by the month of their timestamps', async () => {
    const range = { from: '2024-01', to: '2024-03' };
    expect(await values('new-leads', range)).toEqual([['2024-01', 4], ['2024-02', 1], ['2024-03', 0]]);
    expect(await values('mqls', range)).toEqual([['2024-01', 2], ['2024-02', 1], ['2024-03', 0]]);
    expect(await values('sqls', range)).toEqual([['2024-01', 1], ['2024-02', 1], ['2024-03', 0]]);
    const [january] = (await metric('mqls', { from: '2024-01', to: '2024-01', explain: true })).series;
    expect((january?.explain?.contributions as RecordContribution[]).map((c) => c.id)).toEqual([ids['L1'], ids['L2']]);
  });

  it('counts by ISO week (Monday to Sunday; the last January week runs to 4 February)', async () => {
    const week = { from: '2024-01', to: '2024-01', interval: 'week' as const };
    expect(await values('new-leads', week)).toEqual([['2024-W01', 1], ['2024-W02', 2], ['2024-W03', 1], ['2024-W04', 0], ['2024-W05', 1]]);
    // L3's MQL on 1 February falls in W05
    expect(await values('mqls', week)).toEqual([['2024-W01', 0], ['2024-W02', 1], ['2024-W03', 1], ['2024-W04', 0], ['2024-W05', 1]]);
    const [first] = (await metric('mqls', { ...week, explain: true })).series;
    expect(first?.explain?.settings).toMatchObject({ interval: 'week', periodStartDate: '2024-01-01', periodEndDate: '2024-01-07' });
  });

  it('shares of leads in each lifecycle stage at each month end', async () => {
    const result = await metric('leads-by-stage', { from: '2024-01', to: '2024-02' });
    expect(result.series.map((p) => [p.period, p['stage'], p.value, p['count'], p['total']])).toEqual([
      ['2024-01', 'new', 0.5, 2, 4], ['2024-01', 'mql', 0.25, 1, 4], ['2024-01', 'sql', 0.25, 1, 4], ['2024-01', 'converted', 0, 0, 4], ['2024-01', 'disqualified', 0, 0, 4],
      ['2024-02', 'new', 0.2, 1, 5], ['2024-02', 'mql', 0, 0, 5], ['2024-02', 'sql', 0.2, 1, 5], ['2024-02', 'converted', 0.4, 2, 5], ['2024-02', 'disqualified', 0.2, 1, 5],
    ]);
  });

  it('converts each monthly cohort step by step: lead → MQL → SQL → opportunity → won', async () => {
    const result = await metric('lead-conversion', { from: '2024-01', to: '2024-02' });
    const fields = ['period', 'value', 'leads', 'mqls', 'sqls', 'opportunities', 'won', 'leadToMql', 'mqlToSql', 'sqlToOpportunity', 'opportunityToWon'];
    expect(result.series.map((p) => fields.map((f) => p[f]))).toEqual([
      ['2024-01', 0.25, 4, 3, 2, 1, 1, 0.75, 0.6667, 0.5, 1],
      // L5 was converted straight from new: it counts as MQL and SQL (funnel steps are cumulative)
      ['2024-02', 0, 1, 1, 1, 1, 0, 1, 1, 1, 0],
    ]);
  });

  it('breaks the funnel down by the lead country and refuses account breakdowns', async () => {
    const result = await metric('lead-conversion', { from: '2024-01', to: '2024-01', segment: 'country' });
    expect(result.series.map((p) => [p.segment, p.value, p['leads']])).toEqual([['DE', 0, 1], ['US', 0.3333, 3]]);
    await expect(metric('mqls', { from: '2024-01', to: '2024-01', segment: 'segment' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
