import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/access.ts';
import { canUseSection, type Section } from '../../web/src/lib/sections.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The web app's navigation (web/src/lib/sections.ts) only shapes what each role sees; the API decides.
 * A section shown to a role whose every call is refused is a page of 403s (a sales manager's
 * "Kennzahlen" was one): a section with one list route is shown only to roles that route admits
 * (a role it admits may still not need the section in its navigation: finance has no pipeline).
 */
const SECTION_ROUTES: ReadonlyArray<[Section, string]> = [
  ['customers', '/api/v1/accounts'],
  ['pipeline', '/api/v1/opportunities'],
  ['quotes', '/api/v1/quotes'],
  ['billing', '/api/v1/invoices'],
  ['metrics', '/api/v1/metrics'],
  ['data', '/api/v1/imports'],
];

describe('web sections and API access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows each section only to roles its list route admits', () => {
    const mismatches: string[] = [];
    for (const [section, url] of SECTION_ROUTES) {
      const access = t.app.routeCatalog.find((route) => route.method === 'GET' && route.url === url)?.access;
      expect(Array.isArray(access), `GET ${url} declares its roles`).toBe(true);
      for (const role of ROLES as readonly Role[]) {
        const admitted = (access as readonly string[]).includes(role);
        if (canUseSection(role, section) && !admitted) mismatches.push(`${section} for ${role}: the navigation shows it, GET ${url} refuses the role`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
