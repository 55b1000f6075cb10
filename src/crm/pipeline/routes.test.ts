import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { createRevenueTestApp, expectProblem, fieldsOf } from '../opportunities/test-fixtures/revenue-test-app.ts';
import type { Stage } from './index.ts';

describe('pipeline stage routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createRevenueTestApp();
  });
  afterAll(() => t.close());

  it('lists for every reader, and lets admins and RevOps create, reorder, deactivate and delete', async () => {
    const list = (await t.request('sales_rep', { method: 'GET', url: '/api/v1/pipeline-stages?active=true' })).json() as { data: Stage[]; nextCursor: null };
    expect(list.data.map((s) => s.key)).toEqual(['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(list.nextCursor).toBeNull();
    expectProblem(await t.request('sales_manager', { method: 'POST', url: '/api/v1/pipeline-stages', payload: { key: 'demo', label: 'Demo' } }), 403, 'forbidden');
    const created = await t.request('revops', { method: 'POST', url: '/api/v1/pipeline-stages', payload: { key: 'demo', label: 'Demo', defaultProbabilityBps: 3000 } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['location']).toBe('/api/v1/pipeline-stages/demo');
    const keys = ['prospecting', 'qualification', 'demo', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
    const reordered = await t.request('admin', { method: 'POST', url: '/api/v1/pipeline-stages/reorder', payload: { keys } });
    expect((reordered.json() as { data: Stage[] }).data.map((s) => s.key)).toEqual(keys);
    const read = await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-stages/demo' });
    expect(read.headers['etag']).toBe('"2"');
    const patched = await t.request('admin', { method: 'PATCH', url: '/api/v1/pipeline-stages/demo', payload: { active: false }, headers: { 'if-match': '"2"' } });
    expect(patched.json()).toMatchObject({ active: false, version: 3 });
    expectProblem(await t.request('admin', { method: 'PATCH', url: '/api/v1/pipeline-stages/demo', payload: { label: 'x' } }), 428, 'precondition_required');
    expect((await t.request('admin', { method: 'DELETE', url: '/api/v1/pipeline-stages/demo', headers: { 'if-match': '"3"' } })).statusCode).toBe(204);
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-stages/demo' }), 404, 'not_found');
  });

  it('answers invalid stages with 400 and field names', async () => {
    const post = (payload: object) => t.request('admin', { method: 'POST', url: '/api/v1/pipeline-stages', payload });
    expect(fieldsOf(expectProblem(await post({ key: 'x', label: 'X', kind: 'won', forecastCategory: 'commit' }), 400, 'validation_failed'))).toEqual(['body.forecastCategory']);
    expect(fieldsOf(expectProblem(await post({ key: 'x', label: '' }), 400, 'validation_failed'))).toEqual(['body.label']);
    expect(fieldsOf(expectProblem(await t.request('admin', { method: 'POST', url: '/api/v1/pipeline-stages/reorder', payload: { keys: ['proposal'] } }), 400, 'validation_failed'))).toEqual(['body.keys']);
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-stages?active=yes' }), 400, 'validation_failed'))).toEqual(['querystring.active']);
  });
});
