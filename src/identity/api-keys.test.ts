import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';

describe('POST /api-keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countKeys = async () => Number((await t.ctx.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses an unknown team as a 400 naming body.teamId (not a foreign-key 500), and stores no key', async () => {
    const before = await countKeys();
    for (const teamId of ['team_missing', 'x'.repeat(100_000)]) {
      const response = await t.request('admin', { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'ci', role: 'viewer', teamId } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'body.teamId' })] });
    }
    expect(await countKeys()).toBe(before);
  });

  it('creates a key for an existing team', async () => {
    const team = await t.request('admin', { method: 'POST', url: '/api/v1/teams', payload: { name: 'EMEA' } });
    expect(team.statusCode).toBe(201);
    const response = await t.request('admin', { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'ci', role: 'viewer', teamId: (team.json() as { id: string }).id } });
    expect(response.statusCode).toBe(201);
  });
});
