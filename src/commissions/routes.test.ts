import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createUser } from '../identity/index.ts';

let t: TestApp;
let repUserId: string;
beforeAll(async () => {
  t = await createTestApp();
  repUserId = (await createUser(t.ctx, { email: 'plan-rep@example.com', displayName: 'Plan Rep', role: 'sales_rep', locale: 'en' })).id;
});
afterAll(() => t.close());

const plan = (overrides: Record<string, unknown> = {}) => ({
  name: 'SDR plan', effectiveFromDate: '2026-01-01', repUserIds: [repUserId], rates: [{ dealType: 'new', productFamily: 'platform', rateBps: 750 }], ...overrides,
});

describe('/api/v1/commission-plans', () => {
  it('lets finance create, read, change and delete a plan; the change needs the current version', async () => {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/commission-plans', payload: plan() });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; version: number; clawbackDays: number; rates: unknown[] }>();
    expect(created.headers['location']).toBe(`/api/v1/commission-plans/${body.id}`);
    expect(body).toMatchObject({ clawbackDays: 90, version: 1, rates: [{ dealType: 'new', productFamily: 'platform', basis: 'first_year', rateBps: 750 }] });
    expect((await t.request('revops', { method: 'GET', url: `/api/v1/commission-plans/${body.id}` })).json()).toEqual(body);
    const patched = await t.request('admin', { method: 'PATCH', url: `/api/v1/commission-plans/${body.id}`, payload: { clawbackDays: 30, version: 1 } });
    expect([patched.statusCode, patched.json<{ clawbackDays: number }>().clawbackDays]).toEqual([200, 30]);
    const stale = await t.request('finance', { method: 'PATCH', url: `/api/v1/commission-plans/${body.id}`, payload: { name: 'x', version: 1 } });
    expect([stale.statusCode, stale.json<{ code: string }>().code]).toEqual([409, 'version_conflict']);
    const list = await t.request('finance', { method: 'GET', url: '/api/v1/commission-plans' });
    expect(list.json<{ data: Array<{ id: string }> }>().data.map((p) => p.id)).toEqual([body.id]);
    expect((await t.request('finance', { method: 'DELETE', url: `/api/v1/commission-plans/${body.id}` })).statusCode).toBe(204);
    expect((await t.request('finance', { method: 'GET', url: `/api/v1/commission-plans/${body.id}` })).statusCode).toBe(404);
  });

  it('answers problem+json with field errors for an invalid plan, and 403 to reps', async () => {
    const invalid = await t.request('finance', {
      method: 'POST', url: '/api/v1/commission-plans', payload: plan({ effectiveToDate: '2025-12-31', rates: [{ dealType: 'upsell', rateBps: 20_000 }] }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    const fields = invalid.json<{ errors?: Array<{ field: string }>; fieldErrors?: Array<{ field: string }> }>();
    const named = (fields.errors ?? fields.fieldErrors ?? []).map((f) => f.field);
    expect(named).toEqual(expect.arrayContaining([expect.stringContaining('rates.0.dealType'), expect.stringContaining('rates.0.rateBps')]));
    expect((await t.request('sales_rep', { method: 'POST', url: '/api/v1/commission-plans', payload: plan() })).statusCode).toBe(403);
    expect((await t.request('sales_rep', { method: 'GET', url: '/api/v1/commission-plans' })).statusCode).toBe(403);
  });

  it('validates the statement query', async () => {
    const response = await t.request('finance', { method: 'GET', url: `/api/v1/commissions/statements?repId=${repUserId}&period=2026-1` });
    expect(response.statusCode).toBe(400);
    const ok = await t.request('finance', { method: 'GET', url: `/api/v1/commissions/statements?repId=${repUserId}&period=2026-01` });
    expect(ok.json()).toEqual({ repUserId, period: '2026-01', periodStartDate: '2026-01-01', periodEndDate: '2026-02-01', entries: [], totals: [] });
  });

  it('answers 404 naming the rep id for a statement of no user, and 403 to a rep asking for another id', async () => {
    const missing = await t.request('finance', { method: 'GET', url: '/api/v1/commissions/statements?repId=usr_nobody&period=2026-01' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      code: 'not_found', detail: 'querystring.repId: there is no user usr_nobody', errors: [{ field: 'querystring.repId', message: 'there is no user usr_nobody' }], entity: 'user', id: 'usr_nobody',
    });
    // The access check comes first: a rep cannot tell which ids exist.
    expect((await t.request('sales_rep', { method: 'GET', url: '/api/v1/commissions/statements?repId=usr_nobody&period=2026-01' })).statusCode).toBe(403);
  });
});
