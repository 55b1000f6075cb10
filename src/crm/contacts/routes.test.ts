import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import type { Role } from '../../shared/access.ts';
import { auditTrailOf, countContactRows, makeContactInput } from './fixtures.ts';
import { createCrmTestApp } from './test-fixtures/crm-test-app.ts';
import { expectProblem, fieldsOf } from './test-fixtures/http.ts';

describe('contact routes', () => {
  let t: TestApp;
  const post = (role: Role, payload: unknown) => t.request(role, { method: 'POST', url: '/api/v1/contacts', payload: payload as object });
  beforeAll(async () => {
    t = await createCrmTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes with ETags, If-Match and one audit row per write', async () => {
    const created = await post('revops', { firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@example.com', mailingCountry: 'gb' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const contact = created.json() as { id: string };
    expect(created.headers['location']).toBe(`/api/v1/contacts/${contact.id}`);
    expect(contact).toMatchObject({ email: 'ada@example.com', mailingCountry: 'GB', ownerUserId: null, accountId: null, version: 1 });
    const url = `/api/v1/contacts/${contact.id}`;
    const read = await t.request('viewer', { method: 'GET', url });
    expect(read.json()).toEqual(contact);
    expect(read.headers['etag']).toBe('"1"');
    const patched = await t.request('sales_manager', { method: 'PATCH', url, payload: { title: 'Countess' }, headers: { 'if-match': '"1"' } });
    expectProblem(patched, 404, 'not_found'); // an unowned contact is outside every team scope
    const ok = await t.request('admin', { method: 'PATCH', url, payload: { title: 'Countess' }, headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['etag']).toBe('"2"');
    expectProblem(await t.request('admin', { method: 'PATCH', url, payload: { title: 'x' }, headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    expectProblem(await t.request('admin', { method: 'PATCH', url, payload: { title: 'x' } }), 428, 'precondition_required');
    expectProblem(await t.request('admin', { method: 'DELETE', url }), 428, 'precondition_required');
    expect((await t.request('admin', { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
    expectProblem(await t.request('admin', { method: 'GET', url }), 404, 'not_found');
    expect((await auditTrailOf(t.ctx, 'contact', contact.id)).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers a duplicate e-mail with 409 naming the existing contact', async () => {
    const first = (await post('admin', makeContactInput({ email: 'same@example.com' }))).json() as { id: string };
    const problem = expectProblem(await post('admin', makeContactInput({ email: ' Same@Example.com' })), 409, 'conflict');
    expect(problem['existingContactId']).toBe(first.id);
    expect(String(problem['detail'])).toContain(first.id);
    expect(fieldsOf(problem)).toEqual(['body.email']);
  });

  it('reports bad e-mail, country, unknown fields and bad cursors as 400 field errors, writing nothing', async () => {
    const before = await countContactRows(t.ctx);
    expect(fieldsOf(expectProblem(await post('admin', makeContactInput({ email: 'nope' })), 400, 'validation_failed'))).toEqual(['body.email']);
    expect(fieldsOf(expectProblem(await post('admin', { ...makeContactInput(), mailingCountry: 'ZZ' }), 400, 'validation_failed'))).toEqual(['body.mailingCountry']);
    const unknown = expectProblem(await post('admin', { ...makeContactInput(), colour: 'red' }), 400, 'validation_failed');
    expect(JSON.stringify(unknown['errors'])).toContain('colour');
    expect(await countContactRows(t.ctx)).toBe(before);
    const badCursor = await t.request('viewer', { method: 'GET', url: '/api/v1/contacts?cursor=garbage' });
    expect(fieldsOf(expectProblem(badCursor, 400, 'validation_failed'))).toEqual(['querystring.cursor']);
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/contacts?owner=usr_x' }), 400, 'validation_failed');
    const badRange = await t.request('viewer', { method: 'GET', url: '/api/v1/contacts?createdFrom=2026-01-01' });
    expect(fieldsOf(expectProblem(badRange, 400, 'validation_failed'))).toEqual(['querystring.createdFrom']);
  });

  it('lets read-only roles read and not write', async () => {
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/contacts' })).statusCode).toBe(200);
    expectProblem(await post('viewer', makeContactInput()), 403, 'forbidden');
    expectProblem(await post('success', makeContactInput()), 403, 'forbidden');
    expectProblem(await t.request(null, { method: 'GET', url: '/api/v1/contacts' }), 401, 'unauthenticated');
  });

  it('pages by name over HTTP, each contact once', async () => {
    for (const lastName of ['Zed', 'alpha', 'Alpha', 'beta', 'Mu']) await post('admin', makeContactInput({ lastName, firstName: 'Pager', title: 'paging' }));
    const seen: string[] = [];
    let url = '/api/v1/contacts?q=pager&sort=name&limit=2';
    for (let pages = 0; pages < 10; pages += 1) {
      const page = (await t.request('viewer', { method: 'GET', url })).json() as { data: Array<{ id: string; lastName: string }>; nextCursor: string | null };
      seen.push(...page.data.map((c) => c.lastName));
      if (!page.nextCursor) break;
      url = `/api/v1/contacts?q=pager&sort=name&limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen.map((n) => n.toLowerCase())).toEqual(['alpha', 'alpha', 'beta', 'mu', 'zed']);
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/v1/contacts/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(JSON.stringify(spec.paths['/api/v1/contacts']?.['post'])).toContain('mailingCountry');
  });
});
