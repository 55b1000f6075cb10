import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { ROLES } from '../../shared/access.ts';
import { createRevenueTestApp } from './test-fixtures/revenue-test-app.ts';

// The routes of pipeline, custom fields, opportunities, tickets and usage (the last under /accounts/:id/…).
const OURS = /^\/api\/v1\/(pipeline-stages|custom-fields|opportunities|tickets)|^\/api\/v1\/accounts\/:id\/(usage|seats|adoption)/;

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => `x_${name}`);
}

describe('revenue routes: access and documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createRevenueTestApp();
  });
  afterAll(() => t.close());

  it('refuses each role outside a route\'s list with 403 and anonymous callers with 401; the rest never get a 500 for an empty body', async () => {
    const routes = t.app.routeCatalog.filter((r) => OURS.test(r.url));
    expect(routes.length).toBe(28);
    const failures: string[] = [];
    for (const route of routes) {
      const allowed = route.access as readonly string[];
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const options = { method, url: concreteUrl(route.url), ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) };
      for (const role of ROLES) {
        const { statusCode } = await t.request(role, options);
        if (allowed.includes(role) === (statusCode === 403) || statusCode >= 500) failures.push(`${method} ${route.url} as ${role}: ${statusCode}`);
      }
      const anonymous = await t.request(null, options);
      if (anonymous.statusCode !== 401) failures.push(`${method} ${route.url} anonymous: ${anonymous.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const missing = t.app.routeCatalog
      .filter((r) => OURS.test(r.url))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:([A-Za-z]+)/g, '{$1}') }))
      .filter(({ method, path }) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
    expect(JSON.stringify(doc.paths['/api/v1/opportunities']?.['post'])).toContain('lostReason');
  });
});
