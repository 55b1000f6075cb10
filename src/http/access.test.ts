import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../shared/access.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => `x_${name}`).replace(/\*$/, 'x');
}

// Calls every route as every role (over a thousand requests): slow on a busy 2-core runner.
describe('route access', { timeout: 240_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every API route declares its access', () => {
    const api = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    for (const route of api) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('each role outside a route’s list gets 403, each role inside does not, and anonymous callers get 401', async () => {
    const api = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/') && Array.isArray(r.access));
    const failures: string[] = [];
    for (const route of api) {
      const allowed = route.access as readonly string[];
      const url = concreteUrl(route.url);
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const role of ROLES) {
        const response = await t.request(role, { method, url, ...(payload ? { payload } : {}) });
        const expectForbidden = !allowed.includes(role);
        if (expectForbidden !== (response.statusCode === 403)) {
          failures.push(`${method} ${route.url} as ${role}: ${response.statusCode}`);
        }
      }
      const anonymous = await t.request(null, { method, url, ...(payload ? { payload } : {}) });
      if (anonymous.statusCode !== 401) failures.push(`${method} ${route.url} anonymous: ${anonymous.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('public routes answer without credentials', async () => {
    expect((await t.request(null, { method: 'GET', url: '/api/v1/setup/status' })).statusCode).toBe(200);
    expect((await t.request(null, { method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
