import { beforeEach, describe, expect, it, vi } from 'vitest';

const apiRequest = vi.fn();
vi.mock('../lib/api.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('../lib/api.ts')>()), apiRequest }));
// Test files share a worker's modules (vitest.config.ts isolate: false): fresh ones here, so the
// batch module sends through this file's mock and the report cache starts empty.
vi.resetModules();
const { dashboardQueryOf, dashboardReportsOf, dashboardSettingsOf, prefetchDashboardReports } = await import('./dashboard-reports.ts');
const { queryFor } = await import('./dashboard-context.ts');

const monthly = { from: '2024-01', to: '2024-12', interval: 'month', breakdown: null, currency: null } as const;

describe('dashboardReportsOf', () => {
  it('lists the query each card asks for, whatever the catalogue says the metric can do', () => {
    const reports = dashboardReportsOf(monthly);
    expect(reports).not.toBeNull();
    // A metric without breakdowns and without the month interval: queryFor still asks monthly, unsegmented.
    const narrow = { name: 'dso', unit: 'days', title: 'DSO', formula: '', basis: '', breakdowns: [], intervals: ['quarter'] } as const;
    const dso = reports?.find((report) => report.name === 'dso');
    expect(dso?.query).toEqual(queryFor({ ...narrow, breakdowns: [], intervals: ['quarter'] }, monthly));
    expect(reports?.find((report) => report.name === 'pipeline-value' && report.explain)?.query).toEqual({ ...monthly, interval: 'all' });
    expect(reports?.find((report) => report.name === 'ar-aging' && report.explain)?.query).toEqual({ ...monthly, interval: 'all' });
    expect(reports?.filter((report) => report.name === 'customers').map((report) => report.query)).toEqual([
      { ...monthly, interval: 'all', breakdown: 'segment' },
      monthly,
    ]);
  });

  it('leaves a segment filter or another interval to the cards (their queries depend on the catalogue)', () => {
    expect(dashboardReportsOf({ ...monthly, breakdown: 'segment' })).toBeNull();
    expect(dashboardReportsOf({ ...monthly, interval: 'quarter' })).toBeNull();
  });
});

describe('prefetchDashboardReports', () => {
  beforeEach(() => apiRequest.mockReset());

  it('sends every report of the default dashboard at once: one POST /metrics/batch, the finance reports in a second', async () => {
    apiRequest.mockResolvedValue({ results: [] });
    const search = new URLSearchParams('from=2025-01&to=2025-12');
    prefetchDashboardReports(search);
    // Sent at once, not after the batch's zero-delay timer: the start-up's main thread is busy.
    expect(apiRequest).toHaveBeenCalledTimes(2);
    const bodies = apiRequest.mock.calls.map(([method, path, body]) => {
      expect([method, path]).toEqual(['POST', '/metrics/batch']);
      return (body as { queries: Array<{ metric: string; explain?: true }> }).queries;
    });
    const expected = dashboardReportsOf(dashboardQueryOf(dashboardSettingsOf(search))) ?? [];
    expect(bodies.flat()).toHaveLength(expected.length);
    expect(bodies[1]?.map((item) => item.metric).sort()).toEqual(['ar-aging', 'ar-balance', 'backlog', 'billings', 'cash-collected', 'dso', 'recognized-revenue']);
    expect(bodies.flat().filter((item) => item.explain).map((item) => item.metric).sort()).toEqual(['ar-aging', 'pipeline-value']);
  });
});
