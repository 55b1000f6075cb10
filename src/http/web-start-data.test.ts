import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, SESSION_COOKIE } from '../identity/index.ts';
import { setReportingCurrency } from '../metrics/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { findStartData } from './web-start-data.ts';

const PASSWORD = 'correct horse battery staple';

describe('start data of index.html', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { email: 'rita@example.com', displayName: 'Rita Revops', role: 'revops', locale: 'en', password: PASSWORD });
    await createUser(t.ctx, { email: 'sam@example.com', displayName: 'Sam Sales', role: 'sales_rep', locale: 'de', password: PASSWORD });
  });
  afterAll(() => t.close());

  async function signIn(email: string): Promise<{ token: string; csrfToken: string; cookie: string }> {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((cookie) => cookie.name === SESSION_COOKIE);
    if (!session) throw new Error('no session cookie');
    return { token: session.value, csrfToken: (response.json() as { csrfToken: string }).csrfToken, cookie: `${SESSION_COOKIE}=${session.value}` };
  }

  /** The parts of a request findStartData reads: its cookies and its context. */
  const requestWith = (cookies: Record<string, string>) => ({ cookies, ctx: t.ctx }) as unknown as FastifyRequest;

  it('carries what GET /auth/me, GET /metrics and GET /settings/reporting-currency answer the signed-in user', async () => {
    const session = await signIn('rita@example.com');
    const data = await findStartData(t.app, requestWith({ [SESSION_COOKIE]: session.token }));
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    const metrics = await t.app.inject({ method: 'GET', url: '/api/v1/metrics', headers: { cookie: session.cookie } });
    const reportingCurrency = await t.app.inject({ method: 'GET', url: '/api/v1/settings/reporting-currency', headers: { cookie: session.cookie } });
    expect(metrics.statusCode).toBe(200);
    expect(reportingCurrency.json()).toEqual({ reportingCurrency: null });
    expect(JSON.parse(JSON.stringify(data))).toEqual({ me: me.json(), metrics: metrics.json(), reportingCurrency: reportingCurrency.json() });
    expect(data?.me.csrfToken).toBe(session.csrfToken);
  });

  it('carries the company reporting currency as it is when the page is served', async () => {
    await setReportingCurrency(t.ctx, { reportingCurrency: 'EUR' });
    const session = await signIn('rita@example.com');
    expect((await findStartData(t.app, requestWith({ [SESSION_COOKIE]: session.token })))?.reportingCurrency).toEqual({ reportingCurrency: 'EUR' });
    await setReportingCurrency(t.ctx, { reportingCurrency: null });
    expect((await findStartData(t.app, requestWith({ [SESSION_COOKIE]: session.token })))?.reportingCurrency).toEqual({ reportingCurrency: null });
  });

  it("carries a sales rep's own catalogue: the team metrics GET /metrics answers that user, no company-wide one", async () => {
    const session = await signIn('sam@example.com');
    const data = await findStartData(t.app, requestWith({ [SESSION_COOKIE]: session.token }));
    const metrics = await t.app.inject({ method: 'GET', url: '/api/v1/metrics', headers: { cookie: session.cookie } });
    expect(metrics.statusCode).toBe(200);
    expect(data?.me.user.email).toBe('sam@example.com');
    expect(JSON.parse(JSON.stringify(data?.metrics))).toEqual(metrics.json());
    const names = (data?.metrics?.data as Array<{ name: string; scope?: string }>).map((m) => [m.name, m.scope]);
    expect(names).toContainEqual(['win-rate', 'team']);
    expect(names.map(([name]) => name)).not.toContain('mrr');
    // Every signed-in role may read the reporting currency (it is no figure).
    expect(data?.reportingCurrency).toEqual({ reportingCurrency: null });
  });

  it('carries nothing without a live session', async () => {
    expect(await findStartData(t.app, requestWith({}))).toBeNull();
    expect(await findStartData(t.app, requestWith({ [SESSION_COOKIE]: 'not-a-session' }))).toBeNull();
    const session = await signIn('rita@example.com');
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(logout.statusCode).toBe(204);
    expect(await findStartData(t.app, requestWith({ [SESSION_COOKIE]: session.token }))).toBeNull();
  });
});
