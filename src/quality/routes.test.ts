import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../http/route-plugins.ts';
import type { Role } from '../shared/access.ts';
import { insertContact, insertLead } from './fixtures.ts';
import { qualityRoutes } from './index.ts';

// Until src/http/route-plugins.ts lists qualityRoutes, this file mounts it itself (this test process only).
if (!API_ROUTE_PLUGINS.includes(qualityRoutes)) API_ROUTE_PLUGINS.push(qualityRoutes);

type Json = Record<string, unknown>;

describe('quality routes', () => {
  let t: TestApp;
  const call = async (role: Role | null, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await t.request(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() as Json, headers: response.headers };
  };
  const createAccount = async (payload: object) => (await call('revops', 'POST', '/accounts', payload)).body as { id: string };
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets admin and revops resolve identities, and no one else', async () => {
    for (const role of ['sales_rep', 'sales_manager', 'finance', 'success', 'viewer'] as const) {
      expect((await call(role, 'POST', '/identity-resolution/run', {})).status, role).toBe(403);
      expect((await call(role, 'GET', '/account-merges')).status, role).toBe(403);
    }
    expect((await call(null, 'POST', '/identity-resolution/run', {})).status).toBe(401);
    expect((await call('admin', 'GET', '/identity-resolution/candidates')).status).toBe(200);
  });

  it('merges the same company from three sources over HTTP and unmerges it again', async () => {
    const hubspot = await createAccount({ name: 'ACME GmbH', domain: 'acme.de', currency: 'EUR', sourceSystem: 'hubspot', externalId: '1' });
    const salesforce = await createAccount({ name: 'Acme', domain: 'https://www.acme.de', currency: 'EUR', sourceSystem: 'salesforce', externalId: '2' });
    const stripe = await createAccount({ name: 'ACME GmbH.', taxId: 'DE 123 456 789', currency: 'EUR', customFields: { billing_email: 'billing@acme.de' }, sourceSystem: 'stripe', externalId: '3' });
    const run = await call('revops', 'POST', '/identity-resolution/run', {});
    expect(run.status).toBe(200);
    const merged = run.body['merged'] as Array<{ id: string; survivorId: string; mergedId: string }>;
    expect(merged.map((m) => [m.survivorId, m.mergedId])).toEqual([[hubspot.id, salesforce.id], [hubspot.id, stripe.id]]);
    expect((await call('viewer', 'GET', `/accounts/${stripe.id}`)).status).toBe(404);
    const listed = await call('admin', 'GET', `/account-merges?recordId=${hubspot.id}&status=merged`);
    expect((listed.body['data'] as Array<{ id: string }>).map((m) => m.id)).toEqual([merged[1]!.id, merged[0]!.id]);
    for (const merge of merged) {
      const undone = await call('revops', 'POST', `/account-merges/${merge.id}/unmerge`);
      expect([undone.status, undone.body['status']]).toEqual([200, 'unmerged']);
    }
    expect((await call('revops', 'POST', `/account-merges/${merged[0]!.id}/unmerge`)).body).toMatchObject({ status: 409, code: 'conflict' });
    expect((await call('admin', 'GET', `/account-merges/${merged[0]!.id}`)).body).toMatchObject({ status: 'unmerged', unmergedBy: expect.stringMatching(/^key_/) });
    expect((await call('viewer', 'GET', `/accounts/${stripe.id}`)).body).toMatchObject({ id: stripe.id, name: 'ACME GmbH.' });
  });

  it('queues, confirms and rejects candidates', async () => {
    const a = await createAccount({ name: 'Initech Inc.', currency: 'USD' });
    const b = await createAccount({ name: 'Initech', currency: 'USD' });
    const c = await createAccount({ name: 'Initrode LLC', currency: 'USD' });
    const d = await createAccount({ name: 'INITRODE', currency: 'USD' });
    const run = await call('admin', 'POST', '/identity-resolution/run', { accountIds: [b.id, d.id] });
    const queued = run.body['queued'] as Array<{ id: string; accountIds: string[] }>;
    expect(queued.map((q) => q.accountIds)).toEqual([[a.id, b.id], [c.id, d.id]]);
    const pending = await call('revops', 'GET', '/identity-resolution/candidates?status=pending&limit=10');
    expect((pending.body['data'] as Array<{ id: string }>).map((q) => q.id)).toEqual(queued.map((q) => q.id));
    const confirmed = await call('revops', 'POST', `/identity-resolution/candidates/${queued[0]!.id}/confirm`);
    expect(confirmed.status).toBe(201);
    expect(confirmed.headers['location']).toBe(`/api/v1/account-merges/${confirmed.body['id'] as string}`);
    expect(confirmed.body).toMatchObject({ survivorId: a.id, mergedId: b.id, candidateId: queued[0]!.id });
    const rejected = await call('revops', 'POST', `/identity-resolution/candidates/${queued[1]!.id}/reject`, {});
    expect(rejected.body).toMatchObject({ status: 'rejected', accountIds: [c.id, d.id] });
    expect((await call('revops', 'POST', '/identity-resolution/candidates/mtc_unknown/confirm', { survivorId: a.id })).status).toBe(404);
  });

  it('refuses inconsistent thresholds and unknown fields with field errors', async () => {
    const bad = await call('admin', 'POST', '/identity-resolution/run', { autoMergeThreshold: 0.6, reviewThreshold: 0.8 });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toEqual(['body.reviewThreshold']);
    expect((await call('admin', 'POST', '/identity-resolution/run', { dryRun: true })).status).toBe(400);
  });

  it('dedupes contacts and lists contact merges', async () => {
    const first = await insertContact(t.ctx, { email: 'zed@zeta.com' });
    const second = await insertContact(t.ctx, { email: 'zed+1@zeta.com' });
    const result = await call('revops', 'POST', '/contact-merges/dedupe', { emails: ['zed@zeta.com'] });
    expect((result.body['merged'] as Array<{ survivorId: string; mergedId: string }>).map((m) => [m.survivorId, m.mergedId])).toEqual([[first, second]]);
    const listed = await call('admin', 'GET', '/contact-merges');
    expect((listed.body['data'] as Array<{ entityType: string }>).map((m) => m.entityType)).toEqual(['contact']);
  });

  it('serves the data-quality report to readers of reports, documented in OpenAPI', async () => {
    for (const role of ['admin', 'revops', 'finance', 'viewer'] as const) {
      const report = await call(role, 'GET', '/data-quality');
      expect(report.status, role).toBe(200);
      expect((report.body['sections'] as Array<{ check: string }>).map((s) => s.check)).toContain('duplicate_accounts');
    }
    for (const role of ['sales_rep', 'sales_manager', 'success'] as const) expect((await call(role, 'GET', '/data-quality')).status, role).toBe(403);
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => /identity-resolution|merges|data-quality/.test(p)).sort()).toEqual([
      '/api/v1/account-merges', '/api/v1/account-merges/{id}', '/api/v1/account-merges/{id}/unmerge',
      '/api/v1/contact-merges', '/api/v1/contact-merges/dedupe', '/api/v1/contact-merges/{id}', '/api/v1/contact-merges/{id}/unmerge',
      '/api/v1/data-quality', '/api/v1/data-quality/{check}', '/api/v1/identity-resolution/candidates', '/api/v1/identity-resolution/candidates/{id}/confirm',
      '/api/v1/identity-resolution/candidates/{id}/reject', '/api/v1/identity-resolution/run',
    ]);
  });

  it('lists every id one check finds, a page at a time, and names the checks for an unknown one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 105; i += 1) ids.push(await insertLead(t.ctx, { email: `page${i}@example.com` }));
    const report = await call('finance', 'GET', '/data-quality');
    const section = (report.body['sections'] as Array<{ check: string; count: number; ids: string[] }>).find((s) => s.check === 'lead_without_owner');
    expect(section?.ids.length).toBe(100);
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call('viewer', 'GET', `/data-quality/lead_without_owner?limit=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body).toMatchObject({ check: 'lead_without_owner', severity: 'warning', count: section?.count });
      all.push(...(page.body['data'] as string[]));
      cursor = page.body['nextCursor'] as string | null;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(all.length).toBe(section?.count);
    expect(all.slice(0, 100)).toEqual(section?.ids);
    expect(all).toEqual(expect.arrayContaining(ids));
    expect(new Set(all).size).toBe(all.length);

    const unknown = await call('viewer', 'GET', '/data-quality/leads_without_owners');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body['detail']).toMatch(/No data-quality check "leads_without_owners"; the checks are .*lead_without_owner/);
    expect((await call('viewer', 'GET', '/data-quality/lead_without_owner?cursor=nonsense')).status).toBe(400);
    expect((await call('sales_rep', 'GET', '/data-quality/lead_without_owner')).status).toBe(403);
  });
});
