import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createApiKey, createUser } from './index.ts';

describe('GET /api/v1/actors: the names behind the ids records carry', () => {
  let t: TestApp;
  let userId: string;
  let keyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    userId = (await createUser(t.ctx, { email: 'berta@example.com', displayName: 'Berta Buchhaltung', role: 'finance', password: 'correct horse battery staple', locale: 'de' })).id;
    keyId = (await createApiKey(t.ctx, { name: 'Bank statement robot', role: 'finance' })).apiKey.id;
  });
  afterAll(() => t.close());

  it('answers any signed-in role with user and API key names, leaving unknown ids out', async () => {
    for (const role of ['viewer', 'sales_rep', 'finance'] as const) {
      const response = await t.request(role, { method: 'GET', url: `/api/v1/actors?ids=${userId},usr_unknown,${keyId},${userId}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        data: [{ id: keyId, kind: 'api_key', name: 'Bank statement robot' }, { id: userId, kind: 'user', name: 'Berta Buchhaltung' }].sort((a, b) => (a.id < b.id ? -1 : 1)),
      });
      // Names only: no e-mail address, no role.
      expect(response.body).not.toContain('berta@example.com');
    }
    expect((await t.request(null, { method: 'GET', url: `/api/v1/actors?ids=${userId}` })).statusCode).toBe(401);
  });

  it('names a missing, empty or too long id list as a problem on querystring.ids', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `usr_${i}`).join(',');
    for (const [query, message] of [['', /is required/], ['?ids=', /must not be empty/], ['?ids=,,', /at least one id/], [`?ids=${tooMany}`, /at most 100 ids/]] as const) {
      const response = await t.request('viewer', { method: 'GET', url: `/api/v1/actors${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().errors ?? response.json().fieldErrors ?? response.json()).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'querystring.ids', message: expect.stringMatching(message) })]));
    }
  });
});
