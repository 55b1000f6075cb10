import { beforeEach, describe, expect, it, vi } from 'vitest';

const apiRequest = vi.fn();
vi.mock('../lib/api.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('../lib/api.ts')>()), apiRequest }));
// Test files share a worker's modules (vitest.config.ts isolate: false): without fresh ones, a batch
// module another file loaded first (dashboard-reports.test.ts) sends through that file's mock.
vi.resetModules();
const { ApiError } = await import('../lib/api.ts');
const { fetchBatchedMetric, toBatchQuery } = await import('./metric-batch.ts');

const query = { from: '2024-01', to: '2024-12', interval: 'month', breakdown: null, currency: null } as const;
const result = (metric: string) => ({ metric, unit: 'money', series: [] });

describe('fetchBatchedMetric', () => {
  beforeEach(() => {
    apiRequest.mockReset();
  });

  it('sends the reports asked for in one turn as one POST /metrics/batch, identical ones once', async () => {
    apiRequest.mockImplementation(async (_method: string, _path: string, body: { queries: Array<{ metric: string }> }) => ({
      results: body.queries.map((item) => ({ metric: item.metric, status: 200, data: result(item.metric) })),
    }));
    const answers = await Promise.all([
      fetchBatchedMetric('mrr', query), fetchBatchedMetric('arr', { ...query, breakdown: 'segment', currency: 'EUR' }),
      fetchBatchedMetric('mrr', query), fetchBatchedMetric('pipeline-value', { ...query, interval: 'all' }, { explain: true }),
    ]);
    expect(apiRequest).toHaveBeenCalledTimes(1);
    expect(apiRequest).toHaveBeenCalledWith('POST', '/metrics/batch', { queries: [
      { metric: 'mrr', from: '2024-01', to: '2024-12', interval: 'month' },
      { metric: 'arr', from: '2024-01', to: '2024-12', interval: 'month', segment: 'segment', currency: 'EUR' },
      { metric: 'pipeline-value', from: '2024-01', to: '2024-12', interval: 'all', explain: true },
    ] });
    expect(answers.map((answer) => (answer as { metric: string }).metric)).toEqual(['mrr', 'arr', 'mrr', 'pipeline-value']);
  });

  it('sends the finance reports in a second request, so the others do not wait for them', async () => {
    apiRequest.mockImplementation(async (_method: string, _path: string, body: { queries: Array<{ metric: string }> }) => ({
      results: body.queries.map((item) => ({ metric: item.metric, status: 200, data: result(item.metric) })),
    }));
    const answers = await Promise.all([
      fetchBatchedMetric('dso', query), fetchBatchedMetric('mrr', query), fetchBatchedMetric('ar-aging', { ...query, interval: 'all' }, { explain: true }),
      fetchBatchedMetric('win-rate', query),
    ]);
    expect(apiRequest).toHaveBeenCalledTimes(2);
    const metricsOf = (call: number) => (apiRequest.mock.calls[call]?.[2] as { queries: Array<{ metric: string }> }).queries.map((item) => item.metric);
    expect(metricsOf(0)).toEqual(['mrr', 'win-rate']);
    expect(metricsOf(1)).toEqual(['dso', 'ar-aging']);
    expect(answers.map((answer) => (answer as { metric: string }).metric)).toEqual(['dso', 'mrr', 'ar-aging', 'win-rate']);
  });

  it('rejects a failed item with its problem as an ApiError and answers the others', async () => {
    const problem = { type: 'https://revline.dev/problems/not-found', title: 'The record was not found', status: 404, code: 'not_found', detail: 'metric nope not found' };
    apiRequest.mockResolvedValue({ results: [{ metric: 'nope', status: 404, problem }, { metric: 'mrr', status: 200, data: result('mrr') }] });
    const [failed, answered] = await Promise.allSettled([fetchBatchedMetric('nope', query), fetchBatchedMetric('mrr', query)]);
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as InstanceType<typeof ApiError>;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.problem).toEqual(problem);
    expect(answered).toEqual({ status: 'fulfilled', value: result('mrr') });
  });

  it('rejects every report of the batch when the request itself fails', async () => {
    apiRequest.mockRejectedValue(new Error('offline'));
    const settled = await Promise.allSettled([fetchBatchedMetric('mrr', query), fetchBatchedMetric('arr', query)]);
    expect(settled.map((each) => each.status)).toEqual(['rejected', 'rejected']);
  });

  it('asks for a report with the options GET /metrics/:name takes', () => {
    expect(toBatchQuery('mrr', { ...query, asOf: '2024-12-31T23:00:00Z' }, false)).toEqual({ metric: 'mrr', from: '2024-01', to: '2024-12', interval: 'month', asOf: '2024-12-31T23:00:00Z' });
  });
});
