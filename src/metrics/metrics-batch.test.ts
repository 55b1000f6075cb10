import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { MAX_BATCH_ITEMS } from './index.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

type BatchResult = { metric: string; status: number; data?: unknown; problem?: Record<string, unknown> };

describe('POST /api/v1/metrics/batch', () => {
  let t: TestApp;
  const batch = (queries: unknown[], role: Parameters<TestApp['request']>[0] = 'viewer') =>
    t.request(role, { method: 'POST', url: '/api/v1/metrics/batch', payload: { queries } });
  const get = (url: string) => t.request('viewer', { method: 'GET', url });
  beforeAll(async () => {
    t = await createMetricsTestApp();
    await seedSubscriptionExample(t.ctx);
  });
  afterAll(() => t.close());

  it('answers each query exactly as GET /metrics/:name does, in the order asked', async () => {
    const response = await batch([
      { metric: 'mrr', from: '2024-01', to: '2024-03', segment: 'segment' },
      { metric: 'mrr-movements', from: '2024-03', to: '2024-03', explain: true },
      { metric: 'customers', from: '2024-01', to: '2024-03', interval: 'all' },
      { metric: 'nrr', from: '2024-01', to: '2024-03', interval: 'quarter' },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json() as { results: BatchResult[] };
    expect(results.map((result) => [result.metric, result.status])).toEqual([['mrr', 200], ['mrr-movements', 200], ['customers', 200], ['nrr', 200]]);
    const singles = await Promise.all([
      get('/api/v1/metrics/mrr?from=2024-01&to=2024-03&segment=segment'),
      get('/api/v1/metrics/mrr-movements?from=2024-03&to=2024-03&explain=true'),
      get('/api/v1/metrics/customers?from=2024-01&to=2024-03&interval=all'),
      get('/api/v1/metrics/nrr?from=2024-01&to=2024-03&interval=quarter'),
    ]);
    singles.forEach((single, index) => {
      expect(single.statusCode, single.body).toBe(200);
      expect(results[index]?.data).toEqual(single.json());
    });
    expect(results[0]?.data).toMatchObject({ metric: 'mrr', series: expect.arrayContaining([{ period: '2024-02', segment: 'smb', currency: 'USD', value: 45_700, customers: 3 }]) });
  });

  it('answers a bad item with its own problem and still answers the others', async () => {
    const response = await batch([
      { metric: 'no-such-metric', from: '2024-01', to: '2024-02' },
      { metric: 'mrr', from: '2024-01', to: '2024-02', interval: 'day' },
      { metric: 'mrr', from: '2024-01', to: '2024-02' },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json() as { results: BatchResult[] };
    expect(results[0]).toMatchObject({ metric: 'no-such-metric', status: 404, problem: { status: 404, code: 'not_found', type: 'https://revline.dev/problems/not-found' } });
    expect(results[1]).toMatchObject({ metric: 'mrr', status: 400, problem: { code: 'validation_failed', errors: [{ field: 'querystring.interval' }] } });
    expect(results[2]).toMatchObject({ metric: 'mrr', status: 200, data: { metric: 'mrr', unit: 'money' } });
  });

  it('refuses a malformed batch as a whole: no queries, too many, misspelt options', async () => {
    const expectInvalid = async (queries: unknown[], field: RegExp) => {
      const response = await batch(queries);
      expect(response.statusCode, response.body).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      const body = response.json() as { code: string; errors: Array<{ field: string }> };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((error) => error.field).join(' ')).toMatch(field);
    };
    await expectInvalid([], /body\.queries/);
    await expectInvalid(Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({ metric: 'mrr', from: '2024-01', to: '2024-02' })), /body\.queries/);
    await expectInvalid([{ metric: 'mrr', from: '2024-01', to: '2024-02', intervall: 'month' }], /body\.queries\.0\.intervall/);
    await expectInvalid([{ metric: 'mrr', from: '2024-13', to: '2024-02' }], /body\.queries\.0\.from/);
  });

  it('lets every role use it; a sales role gets its team\'s figures and a 403 in the slot of a company-wide metric', async () => {
    const queries = [{ metric: 'mrr', from: '2024-01', to: '2024-02' }];
    for (const role of ['admin', 'revops', 'finance', 'success', 'viewer'] as const) {
      const response = await batch(queries, role);
      expect(response.statusCode).toBe(200);
      expect((response.json() as { results: BatchResult[] }).results.map((r) => r.status)).toEqual([200]);
    }
    // docs/metrics.md "Who sees what" (src/metrics/team-scope.test.ts): MRR has no owner, win rate is the team's.
    for (const role of ['sales_rep', 'sales_manager'] as const) {
      const response = await batch([...queries, { metric: 'win-rate', from: '2024-01', to: '2024-02' }], role);
      expect(response.statusCode, response.body).toBe(200);
      const { results } = response.json() as { results: BatchResult[] };
      expect(results[0]).toMatchObject({ metric: 'mrr', status: 403, problem: { code: 'forbidden' } });
      expect(results[1]).toMatchObject({ metric: 'win-rate', status: 200, data: { scope: { kind: 'team' } } });
    }
    expect((await batch(queries, null)).statusCode).toBe(401);
  });

  it('is documented in the OpenAPI description', async () => {
    const response = await t.request(null, { method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const operation = (response.json() as { paths: Record<string, Record<string, { summary?: string }>> }).paths['/api/v1/metrics/batch']?.['post'];
    expect(operation?.summary).toMatch(/metric reports in one request/);
  });
});
