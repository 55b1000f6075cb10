import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { METRICS, TEAM_METRICS } from './index.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}
const fields = (problem: Record<string, unknown>) => ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);

describe('/api/v1/metrics', () => {
  let t: TestApp;
  const get = (url: string, role: Parameters<TestApp['request']>[0] = 'viewer') => t.request(role, { method: 'GET', url });
  beforeAll(async () => {
    t = await createMetricsTestApp();
    await seedSubscriptionExample(t.ctx);
  });
  afterAll(() => t.close());

  it('lists every metric with its unit, formula and breakdowns; the sales roles only their team\'s metrics, and mrr is refused them', async () => {
    const response = await get('/api/v1/metrics');
    expect(response.statusCode).toBe(200);
    const { data } = response.json() as { data: Array<{ name: string; unit: string; breakdowns: string[] }> };
    expect(data.map((m) => m.name)).toEqual(METRICS.map((m) => m.name));
    expect(data.find((m) => m.name === 'win-rate')).toMatchObject({ unit: 'ratio', breakdowns: ['segment', 'country', 'industry', 'owner'] });
    expect(data.find((m) => m.name === 'mrr')?.breakdowns).toEqual(['segment', 'country', 'industry', 'plan']);
    for (const role of ['sales_rep', 'sales_manager'] as const) {
      // docs/metrics.md "Who sees what": team-scoped opportunity and lead metrics only (src/metrics/team-scope.test.ts).
      const team = (await get('/api/v1/metrics', role)).json() as { data: Array<{ name: string; scope?: string }> };
      expect(team.data.map((m) => m.name)).toEqual(METRICS.map((m) => m.name).filter((name) => TEAM_METRICS.has(name)));
      expect(team.data.map((m) => m.name)).toContain('win-rate');
      expectProblem(await get('/api/v1/metrics/mrr?from=2024-01&to=2024-02', role), 403, 'forbidden');
    }
    expectProblem(await get('/api/v1/metrics', null), 401, 'unauthenticated');
  });

  it('answers a metric in the documented shape', async () => {
    const response = await get('/api/v1/metrics/mrr?from=2024-01&to=2024-02&segment=segment');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      metric: 'mrr', unit: 'money',
      series: [
        { period: '2024-01', segment: 'enterprise', currency: 'USD', value: 20_000, customers: 1 },
        { period: '2024-01', segment: 'smb', currency: 'USD', value: 17_700, customers: 2 },
        { period: '2024-02', segment: 'enterprise', currency: 'USD', value: 20_000, customers: 1 },
        { period: '2024-02', segment: 'smb', currency: 'USD', value: 45_700, customers: 3 },
      ],
    });
  });

  it('answers mrr-movements as an array of bridges, with explain records that sum to each figure', async () => {
    const response = await get('/api/v1/metrics/mrr-movements?from=2024-03&to=2024-03&explain=true');
    expect(response.statusCode, response.body).toBe(200);
    const [march] = response.json() as Array<Record<string, unknown> & { explain: { formula: string; contributions: Array<{ movement: string; amountMinor: number }> } }>;
    expect(march).toMatchObject({ period: '2024-03', currency: 'USD', mrrStartMinor: 65_700, churnMinor: 20_000, contractionMinor: 2_000, mrrEndMinor: 43_700 });
    expect(march?.explain.formula).toMatch(/x → 0 churn/);
    expect(march?.explain.contributions.map((c) => [c.movement, c.amountMinor]).sort()).toEqual([['churn', 20_000], ['contraction', 2_000], ['flat', 0], ['flat', 0]]);
  });

  it('refuses unknown metrics, malformed and misspelt options, and misaligned quarters', async () => {
    expectProblem(await get('/api/v1/metrics/no-such-metric?from=2024-01&to=2024-02'), 404, 'not_found');
    expect(fields(expectProblem(await get('/api/v1/metrics/mrr?from=2024-13&to=2024-02'), 400, 'validation_failed'))).toEqual(['querystring.from']);
    expect(fields(expectProblem(await get('/api/v1/metrics/mrr?from=2024-01&to=2024-02&by=segment'), 400, 'validation_failed'))).toEqual(['querystring.by']);
    expect(fields(expectProblem(await get('/api/v1/metrics/mrr?from=2024-02&to=2024-07&interval=quarter'), 400, 'validation_failed')))
      .toEqual(['querystring.from', 'querystring.to']);
    expect(fields(expectProblem(await get('/api/v1/metrics/win-rate?from=2024-01&to=2024-02&segment=plan'), 400, 'validation_failed'))).toEqual(['querystring.segment']);
  });

  it('answers 422 for a reporting currency without rates, and converts once rates are imported', async () => {
    const missing = expectProblem(await get('/api/v1/metrics/arr?from=2024-01&to=2024-01&currency=eur'), 422, 'business_rule_violated');
    expect(String(missing['detail'])).toMatch(/No USD→EUR exchange rate on 2024-01-31/);
    const csv = 'Date,USD,\n2024-01-31,1.0850,\n';
    expectProblem(await t.request('viewer', { method: 'POST', url: '/api/v1/fx-rates/import', payload: { csv } }), 403, 'forbidden');
    const imported = await t.request('finance', { method: 'POST', url: '/api/v1/fx-rates/import', payload: { csv } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ inserted: 1, rejected: [] });
    expect((await get('/api/v1/fx-rates?quote=USD')).json()).toEqual({ data: [{ base: 'EUR', quote: 'USD', rateDate: '2024-01-31', rate: '1.0850', source: 'ecb' }], nextCursor: null });
    const arr = await get('/api/v1/metrics/arr?from=2024-01&to=2024-01&currency=EUR');
    // 377.00 USD ÷ 1.0850 = 347.4654… → 347.47 EUR (customers converted one by one: 117.05 + 184.33 + 46.08 = 347.46), × 12.
    expect(arr.json()).toMatchObject({ metric: 'arr', unit: 'money', currency: 'EUR', series: [{ period: '2024-01', currency: 'EUR', value: 12 * 34_746 }] });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/v1/metrics') || path.startsWith('/api/v1/fx-rates')).sort())
      .toEqual(['/api/v1/fx-rates', '/api/v1/fx-rates/import', '/api/v1/metrics', '/api/v1/metrics/batch', '/api/v1/metrics/spend/import', '/api/v1/metrics/targets/import', '/api/v1/metrics/{name}']);
  });

  it('imports spend (finance) and targets (revops), then answers CAC and coverage; a bad gross margin is a field error', async () => {
    const spend = { csv: 'date,kind,category,amount,currency\n2024-01,marketing,ads,300.00,USD\n2024-01,sales,salaries,200.00,USD\n' };
    expectProblem(await t.request('revops', { method: 'POST', url: '/api/v1/metrics/spend/import', payload: spend }), 403, 'forbidden');
    const imported = await t.request('finance', { method: 'POST', url: '/api/v1/metrics/spend/import', payload: spend });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ source: 'csv', rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [] });
    const misspelt = expectProblem(await t.request('finance', { method: 'POST', url: '/api/v1/metrics/spend/import', payload: { csv: 'date,kind,category,ammount,currency\n' } }), 400, 'validation_failed');
    expect(misspelt['errors']).toEqual([{ field: 'body.csv', message: 'the CSV header lacks amount and has unknown columns ammount: expected date,kind,category,amount,currency[,campaign_id]' }]);
    const cac = await get('/api/v1/metrics/cac?from=2024-01&to=2024-01&explain=true');
    expect(cac.statusCode, cac.body).toBe(200);
    // 500.00 spend, Cobalt the one new customer of January
    expect(cac.json()).toMatchObject({ metric: 'cac', unit: 'money', series: [{ period: '2024-01', currency: 'USD', value: 50_000, newCustomers: 1 }] });
    const targets = await t.request('revops', { method: 'POST', url: '/api/v1/metrics/targets/import', payload: { csv: 'month,amount,currency\n2024-02,1000.00,USD\n' } });
    expect(targets.json()).toMatchObject({ inserted: 1, rejected: [] });
    expect((await get('/api/v1/metrics/pipeline-coverage?from=2024-02&to=2024-02')).json()).toMatchObject({ series: [{ period: '2024-02', currency: 'USD', value: 0, targetMinor: 100_000 }] });
    expect(fields(expectProblem(await get('/api/v1/metrics/gross-margin-ltv?from=2024-03&to=2024-03&grossMargin=80'), 400, 'validation_failed'))).toEqual(['querystring.grossMargin']);
    expect((await get('/api/v1/metrics/gross-margin-ltv?from=2024-03&to=2024-03&grossMargin=0.8')).json()).toMatchObject({ series: [{ value: 46_613, grossMargin: '0.8' }] });
  });
});
