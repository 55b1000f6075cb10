import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { ROLES } from '../shared/access.ts';
import { createLedgerTestApp } from './test-fixtures/ledger-test-app.ts';

// The checks src/http/access.test.ts and openapi.test.ts make for every route, run here for the
// ledger's routes while they are not yet listed in src/http/route-plugins.ts.
describe('ledger routes in the catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createLedgerTestApp();
  });
  afterAll(() => t.close());
  const ledgerRoutes = () => t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1/ledger'));

  it('documents every ledger route in the OpenAPI document', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = ledgerRoutes();
    expect(routes.length).toBe(13);
    const missing = routes
      .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:([A-Za-z]+)/g, '{$1}') }))
      .filter(({ method, path }) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
  });

  it('answers 403 exactly to the roles a route does not list, and 401 to anonymous callers', async () => {
    const failures: string[] = [];
    for (const route of ledgerRoutes()) {
      const allowed = route.access as readonly string[];
      const url = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => `x_${name}`);
      const method = route.method as 'GET' | 'POST';
      const payload = method === 'POST' ? { payload: {} } : {};
      for (const role of ROLES) {
        const response = await t.request(role, { method, url, ...payload });
        if (!allowed.includes(role) !== (response.statusCode === 403)) failures.push(`${method} ${route.url} as ${role}: ${response.statusCode}`);
      }
      const anonymous = await t.request(null, { method, url, ...payload });
      if (anonymous.statusCode !== 401) failures.push(`${method} ${route.url} anonymous: ${anonymous.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
