import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { auditTrailOf } from '../opportunities/fixtures.ts';
import { expectProblem, fieldsOf } from '../opportunities/test-fixtures/revenue-test-app.ts';
import type { SavedView } from './index.ts';

describe('saved view routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('saves, lists, renames and deletes a view of its own user only, audited', async () => {
    const created = await t.request('sales_manager', { method: 'POST', url: '/api/v1/saved-views', payload: { scope: 'opportunities', name: 'Big EUR', filters: { currency: 'EUR', sort: 'amount' } } });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json() as SavedView;
    expect(view).toMatchObject({ scope: 'opportunities', name: 'Big EUR', filters: { currency: 'EUR', sort: 'amount' }, version: 1 });
    expect(view.id).toMatch(/^view_/);

    const duplicate = expectProblem(await t.request('sales_manager', { method: 'POST', url: '/api/v1/saved-views', payload: { scope: 'opportunities', name: 'big eur', filters: {} } }), 409, 'conflict');
    expect(fieldsOf(duplicate)).toEqual(['body.name']);
    // The same name in another list, or for another user, is fine.
    expect((await t.request('sales_manager', { method: 'POST', url: '/api/v1/saved-views', payload: { scope: 'leads', name: 'Big EUR', filters: {} } })).statusCode).toBe(201);
    expect((await t.request('sales_rep', { method: 'POST', url: '/api/v1/saved-views', payload: { scope: 'opportunities', name: 'Big EUR', filters: {} } })).statusCode).toBe(201);

    const mine = (await t.request('sales_manager', { method: 'GET', url: '/api/v1/saved-views?scope=opportunities' })).json() as { data: SavedView[] };
    expect(mine.data.map((v) => v.id)).toEqual([view.id]);
    // Another user's view does not exist for them.
    expectProblem(await t.request('sales_rep', { method: 'DELETE', url: `/api/v1/saved-views/${view.id}` }), 404, 'not_found');
    expectProblem(await t.request('sales_rep', { method: 'PATCH', url: `/api/v1/saved-views/${view.id}`, payload: { name: 'Mine', version: 1 } }), 404, 'not_found');

    const renamed = await t.request('sales_manager', { method: 'PATCH', url: `/api/v1/saved-views/${view.id}`, payload: { name: 'Large EUR' }, headers: { 'if-match': '"1"' } });
    expect(renamed.json()).toMatchObject({ name: 'Large EUR', version: 2 });
    expectProblem(await t.request('sales_manager', { method: 'PATCH', url: `/api/v1/saved-views/${view.id}`, payload: { name: 'Stale', version: 1 } }), 409, 'version_conflict');
    expect((await t.request('sales_manager', { method: 'DELETE', url: `/api/v1/saved-views/${view.id}` })).statusCode).toBe(204);
    expect(((await t.request('sales_manager', { method: 'GET', url: '/api/v1/saved-views?scope=opportunities' })).json() as { data: SavedView[] }).data).toEqual([]);
    expect((await auditTrailOf(t.ctx, 'saved_view', view.id)).map((row) => row.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers bad input with field errors', async () => {
    const bad = expectProblem(await t.request('viewer', { method: 'POST', url: '/api/v1/saved-views', payload: { scope: 'quotes', name: '', filters: { 'bad key': 'x' } } }), 400, 'validation_failed');
    expect(fieldsOf(bad).sort()).toEqual(['body.filters.bad key', 'body.name', 'body.scope']);
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/saved-views' }), 400, 'validation_failed');
    expectProblem(await t.request(null, { method: 'GET', url: '/api/v1/saved-views?scope=leads' }), 401, 'unauthenticated');
  });
});
