import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../identity/index.ts';
import { requestHashOf } from './idempotency.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countTeams = async () =>
    (await t.ctx.db.selectFrom('teams').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n;
  const post = (key: string | undefined, payload: unknown) =>
    t.request('admin', { method: 'POST', url: '/api/v1/teams', payload: payload as object, headers: key ? { 'idempotency-key': key } : {} });

  it('replays the first response for the same key and body, creating one record', async () => {
    const before = await countTeams();
    const first = await post('team-create-1', { name: 'DACH' });
    const second = await post('team-create-1', { name: 'DACH' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countTeams()).toBe(before + 1n);
    const audits = await t.ctx.db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'team').execute();
    expect(audits.filter((a) => a.entity_id === (first.json() as { id: string }).id)).toHaveLength(1);
  });

  it('rejects the same key with a different body with 422 and creates nothing', async () => {
    await post('team-create-2', { name: 'Italy' });
    const before = await countTeams();
    const reused = await post('team-create-2', { name: 'Iberia' });
    expect(reused.statusCode).toBe(422);
    expect((reused.json() as { code: string }).code).toBe('idempotency_key_reused');
    expect(await countTeams()).toBe(before);
  });

  it('replays a stored 4xx outcome too (the request is not re-run)', async () => {
    await post('team-create-3', { name: 'UK' });
    const clash = await post('team-create-4', { name: 'UK' });
    expect(clash.statusCode).toBe(409);
    const replay = await post('team-create-4', { name: 'UK' });
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('scopes keys to the caller: another admin may use the same key string', async () => {
    const other = await createApiKey(t.ctx, { name: 'second admin', role: 'admin' });
    const mine = await post('shared-key', { name: 'Nordics' });
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Benelux' },
      headers: { authorization: `Bearer ${other.secret}`, 'idempotency-key': 'shared-key' },
    });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect((theirs.json() as { name: string }).name).toBe('Benelux');
  });

  it('replays the ETag of the created record', async () => {
    const first = await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: { email: 'etag@example.com', displayName: 'E', role: 'viewer' }, headers: { 'idempotency-key': 'user-etag' } });
    const replay = await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: { email: 'etag@example.com', displayName: 'E', role: 'viewer' }, headers: { 'idempotency-key': 'user-etag' } });
    expect(first.headers['etag']).toBe('"1"');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['etag']).toBe('"1"');
  });

  it('lets a retry take over a claim left by a request that died', async () => {
    const actor = await t.ctx.db.selectFrom('api_keys').select('id').where('name', '=', 'test admin').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('idempotency_keys').values({
      actor_id: actor.id, key: 'died-mid-way', method: 'POST', path: '/api/v1/teams',
      request_hash: requestHashOf('POST', '/api/v1/teams', { name: 'Baltics' }), state: 'in_progress',
      response_status: null, response_body: null, response_headers: null, created_at: new Date(t.clock.now().epochMilliseconds), completed_at: null,
    }).execute();
    const early = await post('died-mid-way', { name: 'Baltics' });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { code: string }).code).toBe('idempotency_key_in_progress');
    t.clock.advance({ minutes: 6 });
    const retried = await post('died-mid-way', { name: 'Baltics' });
    expect(retried.statusCode).toBe(201);
    const replay = await post('died-mid-way', { name: 'Baltics' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(retried.json());
  });

  it('rejects a malformed key', async () => {
    const response = await post('has spaces in it', { name: 'Bad' });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { code: string }).code).toBe('invalid_idempotency_key');
  });

  it('two concurrent requests with one key create one record', async () => {
    const before = await countTeams();
    const [a, b] = await Promise.all([post('team-race', { name: 'France' }), post('team-race', { name: 'France' })]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await countTeams()).toBe(before + 1n);
  });
});
