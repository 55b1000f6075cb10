import { beforeEach, describe, expect, it, vi } from 'vitest';

const apiRequest = vi.fn();
vi.mock('./api.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('./api.ts')>()), apiRequest }));
// Fresh modules (vitest.config.ts isolate: false): the caches below must be the ones this file's mock fills.
vi.resetModules();
const { forgetSessionData } = await import('./session-caches.ts');
const { fetchCatalogue } = await import('../metrics-explorer/metrics-api.ts');
const { createReportHook } = await import('../metrics-explorer/use-metric.ts');

const query = { from: '2024-03', to: '2024-03', interval: 'month', breakdown: null, currency: null } as const;

// docs/metrics.md "Who sees what": a sales manager's figures are her team's, an admin's the company's.
describe('what a tab keeps of a signed-in user', () => {
  beforeEach(() => apiRequest.mockReset());

  it('forgets the catalogue when the user changes: the next one asks for their own', async () => {
    apiRequest.mockResolvedValueOnce({ data: [{ name: 'mrr' }] }).mockResolvedValueOnce({ data: [{ name: 'win-rate', scope: 'team' }] });
    expect((await fetchCatalogue()).map((m) => m.name)).toEqual(['mrr']);
    expect((await fetchCatalogue()).map((m) => m.name)).toEqual(['mrr']); // kept for the page load
    forgetSessionData();
    expect((await fetchCatalogue()).map((m) => m.name)).toEqual(['win-rate']);
    expect(apiRequest).toHaveBeenCalledTimes(2);
  });

  it('forgets the reports it keeps for a few seconds, so a company figure is never shown to the next user', async () => {
    const fetchReport = vi.fn()
      .mockResolvedValueOnce({ metric: 'win-rate', unit: 'ratio', series: [{ period: '2024-03', value: 0.7143 }] })
      .mockResolvedValueOnce({ metric: 'win-rate', unit: 'ratio', scope: { kind: 'team', ownerCount: 3 }, series: [{ period: '2024-03', value: 0.75 }] });
    const { cached } = createReportHook(fetchReport);
    const first = await cached('win-rate', query);
    expect(await cached('win-rate', query)).toBe(first); // the same request within its short life
    forgetSessionData();
    expect(await cached('win-rate', query)).toMatchObject({ scope: { kind: 'team' }, series: [{ value: 0.75 }] });
    expect(fetchReport).toHaveBeenCalledTimes(2);
  });
});
