import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import type { Role } from '../shared/access.ts';
import { auditTrail, countAccountRows, makeAccountInput } from './fixtures.ts';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string };

function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}

function fieldsOf(problem: Record<string, unknown>): string[] {
  return ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);
}

describe('account routes', () => {
  let t: TestApp;
  const post = (role: Role, payload: unknown, headers: Record<string, string> = {}) =>
    t.request(role, { method: 'POST', url: '/api/v1/accounts', payload: payload as object, headers });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes with ETags, If-Match and one audit row per write', async () => {
    const created = await post('revops', { name: 'Globex', currency: 'usd', domain: 'globex.com', country: 'US' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const account = created.json() as { id: string };
    expect(created.headers['location']).toBe(`/api/v1/accounts/${account.id}`);
    expect(account).toMatchObject({ name: 'Globex', currency: 'USD', domain: 'globex.com', country: 'US', ownerUserId: null, version: 1 });

    const url = `/api/v1/accounts/${account.id}`;
    const read = await t.request('viewer', { method: 'GET', url });
    expect(read.statusCode).toBe(200);
    expect(read.headers['etag']).toBe('"1"');
    expect(read.json()).toEqual(account);

    const patched = await t.request('revops', { method: 'PATCH', url, payload: { segment: 'smb' }, headers: { 'if-match': '"1"' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers['etag']).toBe('"2"');
    const byBodyVersion = await t.request('revops', { method: 'PATCH', url, payload: { industry: 'Energy', version: 2 } });
    expect(byBodyVersion.json()).toMatchObject({ segment: 'smb', industry: 'Energy', version: 3 });

    expectProblem(await t.request('revops', { method: 'PATCH', url, payload: { segment: 'mid' }, headers: { 'if-match': '"2"' } }), 409, 'version_conflict');
    expectProblem(await t.request('revops', { method: 'PATCH', url, payload: { segment: 'mid' } }), 428, 'precondition_required');
    expectProblem(await t.request('revops', { method: 'DELETE', url }), 428, 'precondition_required');
    const stale = expectProblem(await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    expect(stale['currentVersion']).toBe(3);

    const deleted = await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"3"' } });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expectProblem(await t.request('revops', { method: 'GET', url }), 404, 'not_found');

    const trail = await auditTrail(t.ctx, account.id);
    expect(trail.map((row) => [row.action, (row.before as { version?: number } | null)?.version ?? null, (row.after as { version: number }).version])).toEqual([
      ['create', null, 1],
      ['update', 1, 2],
      ['update', 2, 3],
      ['delete', 3, 4],
    ]);
    expect(trail[1]?.before).toMatchObject({ segment: null });
    expect(trail[1]?.after).toMatchObject({ segment: 'smb' });
    expect(trail[3]?.after).toMatchObject({ deleted_at: expect.any(String) });
    expect(new Set(trail.map((row) => row.actor_id)).size).toBe(1);
  });

  it('replays an Idempotency-Key with the same body and refuses it with another', async () => {
    const before = await countAccountRows(t.ctx);
    const payload = makeAccountInput({ name: 'Idempotent Inc' });
    const first = await post('admin', payload, { 'idempotency-key': 'create-acct-1' });
    const replay = await post('admin', payload, { 'idempotency-key': 'create-acct-1' });
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(await countAccountRows(t.ctx)).toBe(before + 1);
    expectProblem(await post('admin', { ...payload, name: 'Other Inc' }, { 'idempotency-key': 'create-acct-1' }), 422, 'idempotency_key_reused');
    expect(await countAccountRows(t.ctx)).toBe(before + 1);
  });

  it('reports bad currency, country and date as 400 field errors and writes nothing', async () => {
    const before = await countAccountRows(t.ctx);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ currency: 'EURO' }, 'body.currency'],
      [{ currency: 'XXX' }, 'body.currency'],
      [{ country: 'ZZ' }, 'body.country'],
      [{ customerSinceDate: '2025-02-30' }, 'body.customerSinceDate'],
      [{ domain: 'http://' }, 'body.domain'],
    ];
    for (const [override, field] of cases) {
      const problem = expectProblem(await post('admin', { ...makeAccountInput(), ...override }), 400, 'validation_failed');
      expect(fieldsOf(problem)).toEqual([field]);
    }
    const unknown = expectProblem(await post('admin', { ...makeAccountInput(), color: 'red' }), 400, 'validation_failed');
    expect(JSON.stringify(unknown['errors'])).toContain('color');
    expect(await countAccountRows(t.ctx)).toBe(before);

    const account = (await post('admin', makeAccountInput())).json() as { id: string };
    const patch = await t.request('admin', { method: 'PATCH', url: `/api/v1/accounts/${account.id}`, payload: { currency: 'EURO', version: 1 } });
    expect(fieldsOf(expectProblem(patch, 400, 'validation_failed'))).toEqual(['body.currency']);
  });

  it('lets read-only roles read and not write', async () => {
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/accounts' })).statusCode).toBe(200);
    expectProblem(await post('viewer', makeAccountInput()), 403, 'forbidden');
    expectProblem(await post('success', makeAccountInput()), 403, 'forbidden');
    expectProblem(await t.request(null, { method: 'GET', url: '/api/v1/accounts' }), 401, 'unauthenticated');
  });

  it('pages through the list over HTTP and rejects unknown query parameters', async () => {
    for (let i = 0; i < 5; i += 1) await post('admin', makeAccountInput({ name: 'Paged', segment: 'paging' }));
    const seen: string[] = [];
    let url = '/api/v1/accounts?segment=paging&sort=name&limit=2';
    for (;;) {
      const page = (await t.request('viewer', { method: 'GET', url })).json() as { data: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...page.data.map((a) => a.id));
      if (!page.nextCursor) break;
      url = `/api/v1/accounts?segment=paging&sort=name&limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/accounts?sort=size' }), 400, 'validation_failed'))).toEqual(['querystring.sort']);
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/accounts?owner=usr_x' }), 400, 'validation_failed');
  });

  it('lists children, rejects a hierarchy loop with 422 and the delete of a parent with 409', async () => {
    const parent = (await post('admin', makeAccountInput())).json() as { id: string };
    const child = (await post('admin', makeAccountInput({ parentAccountId: parent.id }))).json() as { id: string };
    const children = await t.request('viewer', { method: 'GET', url: `/api/v1/accounts/${parent.id}/children` });
    expect((children.json() as { data: Array<{ id: string }> }).data.map((a) => a.id)).toEqual([child.id]);
    const loop = await t.request('admin', { method: 'PATCH', url: `/api/v1/accounts/${parent.id}`, payload: { parentAccountId: child.id }, headers: { 'if-match': '"1"' } });
    expect(fieldsOf(expectProblem(loop, 422, 'business_rule_violated'))).toEqual(['body.parentAccountId']);
    const refused = expectProblem(await t.request('admin', { method: 'DELETE', url: `/api/v1/accounts/${parent.id}`, headers: { 'if-match': '"1"' } }), 409, 'conflict');
    expect(refused['blockedBy']).toEqual({ childAccounts: 1 });
  });

  it('documents the routes and their schemas in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/accounts', '/api/v1/accounts/{id}', '/api/v1/accounts/{id}/children']));
    expect(Object.keys(spec.paths['/api/v1/accounts/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(JSON.stringify(spec.paths['/api/v1/accounts']?.['post'])).toContain('customerSinceDate');
  });
});
