import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createUserBodySchema } from '../identity/index.ts';
import { AppError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: expect.stringContaining('https://revline.dev/problems/') });
  expect(typeof body['title']).toBe('string');
  expect(body['instance']).toBe(`urn:revline:request:${String(response.headers['x-request-id'])}`);
  return body;
}

describe('problem+json for every error', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('404 for an unknown route', async () => {
    expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/nope' }), 404, 'not_found');
  });

  it('404 for an unknown record', async () => {
    const body = expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/users/usr_missing' }), 404, 'not_found');
    expect(body['detail']).toContain('usr_missing');
  });

  it('401 without credentials and with a bad key', async () => {
    expectProblem(await t.request(null, { method: 'GET', url: '/api/v1/users' }), 401, 'unauthenticated');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Bearer rvl_wrong' } }), 401, 'unauthenticated');
  });

  it('403 for a role the route does not allow', async () => {
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/users' }), 403, 'forbidden');
  });

  it('400 with field errors for wrong types and unknown fields, and nothing is created', async () => {
    const before = await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
    const body = expectProblem(
      await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: { email: 'not-an-email', displayName: 5, role: 'king', bogus: true } }),
      400,
      'validation_failed',
    );
    const fields = (body['errors'] as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.displayName', 'body.role']));
    // In plain words: the unknown field with the ones allowed, and what a wrong type should have been.
    expect(body['errors']).toEqual(expect.arrayContaining([
      { field: 'body.bogus', message: 'unknown field "bogus" (allowed: email, displayName, role, teamId, locale, password)', code: 'unrecognized_keys' },
      { field: 'body.displayName', message: 'expected text, got a number', code: 'invalid_type', params: { expected: 'string' } },
    ]));
    const after = await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('400 field errors carry the parameters of the check (a limit, a format, the allowed values), as a service’s own parse gives them', async () => {
    const payload = { email: 'not-an-email', displayName: 'x'.repeat(201), role: 'king', password: 'short' };
    const body = expectProblem(await t.request('admin', { method: 'POST', url: '/api/v1/users', payload }), 400, 'validation_failed');
    expect(body['errors']).toEqual([
      { field: 'body.email', message: 'expected an e-mail address such as ada@example.com', code: 'invalid_format', params: { format: 'email' } },
      { field: 'body.displayName', message: 'must be at most 200 characters', code: 'too_big', params: { origin: 'string', maximum: 200, inclusive: true } },
      { field: 'body.role', message: expect.stringContaining('expected one of: admin,'), code: 'invalid_value', params: { values: ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'] } },
      { field: 'body.password', message: 'at least 12 characters', code: 'too_small', params: { origin: 'string', minimum: 12, inclusive: true } },
    ]);
    // parseInput (the import engine, the CLI) turns the same issues into the same field errors.
    let parsed: unknown;
    try {
      parseInput(createUserBodySchema, payload);
    } catch (error) {
      parsed = error instanceof AppError ? error.fieldErrors : error;
    }
    expect(parsed).toEqual(body['errors']);
    const query = expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/users?limit=0' }), 400, 'validation_failed');
    expect(query['errors']).toEqual([{ field: 'querystring.limit', message: 'must be at least 1', code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } }]);
  });

  it('400 for malformed JSON, 415 for an unsupported type, 413 for a huge body', async () => {
    expectProblem(
      await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: '{"email": ', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed_request',
    );
    expectProblem(
      await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: 'email=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
    const huge = JSON.stringify({ email: 'a@b.co', displayName: 'x'.repeat(2_000_000), role: 'viewer' });
    expectProblem(await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: huge, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
  });

  it('400 for text PostgreSQL cannot store (NUL, unpaired surrogate), naming the field', async () => {
    for (const raw of ['{"email":"a@b.co","displayName":"x\\u0000y","role":"viewer"}', '{"email":"a@b.co","displayName":"x\\ud800","role":"viewer"}']) {
      const body = expectProblem(
        await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: raw, headers: { 'content-type': 'application/json' } }),
        400,
        'validation_failed',
      );
      expect(body['errors']).toEqual([expect.objectContaining({ field: 'body.displayName' })]);
    }
  });

  it('400 for a NUL in a path or query parameter, naming it, not a 500 from the database', async () => {
    const inPath = expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/users/usr%00x' }), 400, 'validation_failed');
    expect(inPath['errors']).toEqual([expect.objectContaining({ field: 'params.id' })]);
    const inQuery = expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/payments?accountId=acct%00x' }), 400, 'validation_failed');
    expect(inQuery['errors']).toEqual([expect.objectContaining({ field: 'querystring.accountId' })]);
  });

  it('400 problem for a path the router refuses: bad percent-encoding, a segment over 100 characters', async () => {
    expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/users/%E0%A4%A' }), 400, 'malformed_request');
    expectProblem(await t.request('admin', { method: 'DELETE', url: `/api/v1/api-keys/${'x'.repeat(5000)}` }), 400, 'malformed_request');
  });

  it('409 on a stale version and 428 without one', async () => {
    const created = await t.request('admin', { method: 'POST', url: '/api/v1/users', payload: { email: 'v@example.com', displayName: 'V', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect(created.headers['etag']).toBe('"1"');
    const ok = await t.request('admin', { method: 'PATCH', url: `/api/v1/users/${id}`, payload: { displayName: 'V2' }, headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['etag']).toBe('"2"');
    expectProblem(await t.request('admin', { method: 'PATCH', url: `/api/v1/users/${id}`, payload: { displayName: 'V3' }, headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    expectProblem(await t.request('admin', { method: 'PATCH', url: `/api/v1/users/${id}`, payload: { displayName: 'V3' } }), 428, 'precondition_required');
    const after = await t.request('admin', { method: 'GET', url: `/api/v1/users/${id}` });
    expect((after.json() as { displayName: string }).displayName).toBe('V2');
  });

  it('localizes the title from Accept-Language', async () => {
    const body = expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/users', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } }), 403, 'forbidden');
    expect(body['title']).toBe('Dazu fehlt Ihnen die Berechtigung');
  });

  it('echoes a caller-supplied request id', async () => {
    const response = await t.request('admin', { method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'trace-12345678' } });
    expect(response.headers['x-request-id']).toBe('trace-12345678');
  });
});
