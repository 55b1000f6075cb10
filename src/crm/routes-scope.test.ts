import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createApiKey, createTeam, createUser, type User } from '../identity/index.ts';
import type { Role } from '../shared/access.ts';
import { makeAccountInput } from './fixtures.ts';
import { createAccount, type Account } from './index.ts';

const PASSWORD = 'correct horse battery staple';

type Session = { cookie: string; csrfToken: string };

/** Signs in through the API, as the web app does: session cookie plus CSRF token for writes. */
async function signIn(t: TestApp, email: string): Promise<Session> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
  expect(response.statusCode).toBe(200);
  const session = response.cookies.find((c) => c.name === 'revline_session');
  expect(session).toBeDefined();
  return { cookie: `revline_session=${session?.value ?? ''}`, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
}

function as(t: TestApp, session: Session, options: InjectOptions) {
  return t.app.inject({ ...options, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(options.headers ?? {}) } });
}

describe('account routes for signed-in reps, managers and team API keys', () => {
  let t: TestApp;
  let rep: Session;
  let manager: Session;
  const users = {} as Record<'rep' | 'teammate' | 'manager' | 'outsider', User>;
  const accounts = {} as Record<'ofTeammate' | 'ofOutsider', Account>;
  let teamId = '';

  beforeAll(async () => {
    t = await createTestApp();
    const team = await createTeam(t.ctx, { name: 'EMEA' });
    const other = await createTeam(t.ctx, { name: 'APAC' });
    teamId = team.id;
    const user = (name: string, role: Role, team: string) =>
      createUser(t.ctx, { email: `${name}@example.com`, displayName: name, role, teamId: team, locale: 'en', password: PASSWORD });
    users.rep = await user('rep', 'sales_rep', team.id);
    users.teammate = await user('teammate', 'sales_rep', team.id);
    users.manager = await user('manager', 'sales_manager', team.id);
    users.outsider = await user('outsider', 'sales_rep', other.id);
    accounts.ofTeammate = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.teammate.id }));
    accounts.ofOutsider = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.outsider.id }));
    rep = await signIn(t, 'rep@example.com');
    manager = await signIn(t, 'manager@example.com');
  });
  afterAll(() => t.close());

  it('makes the signed-in rep the owner by default, and requires the CSRF token', async () => {
    const created = await as(t, rep, { method: 'POST', url: '/api/v1/accounts', payload: makeAccountInput({ name: 'Rep Own' }) });
    expect(created.statusCode).toBe(201);
    expect((created.json() as Account).ownerUserId).toBe(users.rep.id);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', payload: makeAccountInput(), headers: { cookie: rep.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((noCsrf.json() as { code: string }).code).toBe('csrf_failed');
  });

  it('hides other teams\' accounts as 404 and lists only the team\'s', async () => {
    const url = `/api/v1/accounts/${accounts.ofOutsider.id}`;
    expect((await as(t, rep, { method: 'GET', url })).statusCode).toBe(404);
    expect((await as(t, rep, { method: 'PATCH', url, payload: { name: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(404);
    expect((await as(t, rep, { method: 'DELETE', url, headers: { 'if-match': '"1"' } })).statusCode).toBe(404);
    expect((await as(t, rep, { method: 'GET', url: `/api/v1/accounts/${accounts.ofTeammate.id}` })).statusCode).toBe(200);
    for (const session of [rep, manager]) {
      const list = (await as(t, session, { method: 'GET', url: '/api/v1/accounts?limit=100' })).json() as { data: Account[] };
      const owners = new Set(list.data.map((a) => a.ownerUserId));
      expect(owners.has(users.teammate.id)).toBe(true);
      expect(owners.has(users.outsider.id)).toBe(false);
    }
  });

  it('refuses with 403 to hand an account to someone outside the team', async () => {
    const url = `/api/v1/accounts/${accounts.ofTeammate.id}`;
    const response = await as(t, rep, { method: 'PATCH', url, payload: { ownerUserId: users.outsider.id }, headers: { 'if-match': '"1"' } });
    expect(response.statusCode).toBe(403);
    expect((response.json() as { code: string }).code).toBe('forbidden');
    const managed = await as(t, manager, { method: 'PATCH', url, payload: { ownerUserId: users.manager.id }, headers: { 'if-match': '"1"' } });
    expect(managed.statusCode).toBe(200);
  });

  it('scopes a sales_rep API key to its team; it must name an owner', async () => {
    const { secret } = await createApiKey(t.ctx, { name: 'emea integration', role: 'sales_rep', teamId });
    const key = (options: InjectOptions) => t.app.inject({ ...options, headers: { authorization: `Bearer ${secret}` } });
    expect((await key({ method: 'GET', url: `/api/v1/accounts/${accounts.ofTeammate.id}` })).statusCode).toBe(200);
    expect((await key({ method: 'GET', url: `/api/v1/accounts/${accounts.ofOutsider.id}` })).statusCode).toBe(404);
    expect((await key({ method: 'POST', url: '/api/v1/accounts', payload: makeAccountInput() })).statusCode).toBe(403);
    const named = await key({ method: 'POST', url: '/api/v1/accounts', payload: makeAccountInput({ ownerUserId: users.teammate.id }) });
    expect(named.statusCode).toBe(201);
  });
});
