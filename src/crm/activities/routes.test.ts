import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { createCrmTestApp } from '../contacts/test-fixtures/crm-test-app.ts';
import { expectProblem, fieldsOf } from '../contacts/test-fixtures/http.ts';
import { makeActivityInput } from './fixtures.ts';

describe('activity routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createCrmTestApp();
  });
  afterAll(() => t.close());

  it('lets success log and complete tasks, with ETags, If-Match and audit rows', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    const created = await t.request('success', { method: 'POST', url: '/api/v1/activities', payload: { type: 'task', subject: 'QBR prep', accountId: account.id, dueDate: '2026-02-01' } });
    expect(created.statusCode).toBe(201);
    const task = created.json() as { id: string };
    const url = `/api/v1/activities/${task.id}`;
    const done = await t.request('success', { method: 'PATCH', url, payload: { status: 'completed' }, headers: { 'if-match': '"1"' } });
    expect(done.json()).toMatchObject({ status: 'completed', occurredAt: '2026-01-15T09:00:00.000Z', version: 2 });
    expectProblem(await t.request('success', { method: 'PATCH', url, payload: { subject: 'x' }, headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    const timeline = (await t.request('viewer', { method: 'GET', url: `/api/v1/activities?accountId=${account.id}` })).json() as { data: Array<{ id: string }> };
    expect(timeline.data.map((a) => a.id)).toEqual([task.id]);
    expect((await t.request('success', { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
    expect((await auditTrailOf(t.ctx, 'activity', task.id)).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers bad dates, instants, types and unknown fields with 400 naming the field, never 500', async () => {
    const post = (payload: object) => t.request('admin', { method: 'POST', url: '/api/v1/activities', payload });
    expect(fieldsOf(expectProblem(await post({ type: 'task', subject: 'x', dueDate: '31.01.2026' }), 400, 'validation_failed'))).toEqual(['body.dueDate']);
    expect(fieldsOf(expectProblem(await post({ ...makeActivityInput(), occurredAt: 'last tuesday' }), 400, 'validation_failed'))).toEqual(['body.occurredAt']);
    expect(fieldsOf(expectProblem(await post({ type: 'meeting', subject: 'x' }), 400, 'validation_failed'))).toEqual(['body.occurredAt']);
    expect(fieldsOf(expectProblem(await post({ ...makeActivityInput(), type: 'sms' }), 400, 'validation_failed'))).toEqual(['body.type']);
    expect(JSON.stringify(expectProblem(await post({ ...makeActivityInput(), mood: 'happy' }), 400, 'validation_failed')['errors'])).toContain('mood');
    const range = await t.request('viewer', { method: 'GET', url: '/api/v1/activities?dueFrom=2026-02-30' });
    expect(fieldsOf(expectProblem(range, 400, 'validation_failed'))).toEqual(['querystring.dueFrom']);
    const cursor = await t.request('viewer', { method: 'GET', url: `/api/v1/activities?sort=createdAt&cursor=${Buffer.from('["infinity","act_x"]').toString('base64url')}` });
    expect(fieldsOf(expectProblem(cursor, 400, 'validation_failed'))).toEqual(['querystring.cursor']);
    expectProblem(await t.request('viewer', { method: 'POST', url: '/api/v1/activities', payload: makeActivityInput() }), 403, 'forbidden');
  });
});
