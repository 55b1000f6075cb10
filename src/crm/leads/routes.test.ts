import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { createApiKey } from '../../identity/index.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createCrmTestApp } from '../contacts/test-fixtures/crm-test-app.ts';
import { expectProblem, fieldsOf } from '../contacts/test-fixtures/http.ts';
import { createScopeWorld } from '../contacts/test-fixtures/scope-world.ts';
import { countLeadWorld, makeLeadInput } from './fixtures.ts';
import { createLead } from './index.ts';

describe('lead routes', () => {
  let t: TestApp;
  const post = (payload: unknown) => t.request('revops', { method: 'POST', url: '/api/v1/leads', payload: payload as object });
  beforeAll(async () => {
    t = await createCrmTestApp();
  });
  afterAll(() => t.close());

  it('creates, moves through the lifecycle with If-Match, shows the history, and deletes', async () => {
    const created = await post(makeLeadInput({ email: 'Lin@Example.com', status: 'working' }));
    expect(created.statusCode).toBe(201);
    const lead = created.json() as { id: string };
    expect(lead).toMatchObject({ email: 'lin@example.com', status: 'working', stage: 'new', mqlAt: null, version: 1 });
    const url = `/api/v1/leads/${lead.id}`;
    const mql = await t.request('revops', { method: 'PATCH', url, payload: { status: 'mql' }, headers: { 'if-match': '"1"' } });
    expect(mql.json()).toMatchObject({ stage: 'mql', mqlAt: expect.any(String), version: 2 });
    expect(mql.headers['etag']).toBe('"2"');
    const history = (await t.request('viewer', { method: 'GET', url: `${url}/status-history` })).json() as { data: Array<{ toStatus: string }> };
    expect(history.data.map((h) => h.toStatus)).toEqual(['working', 'mql']);
    expectProblem(await t.request('revops', { method: 'PATCH', url, payload: { status: 'converted' }, headers: { 'if-match': '"2"' } }), 422, 'business_rule_violated');
    expectProblem(await t.request('revops', { method: 'PATCH', url, payload: { status: 'sql' } }), 428, 'precondition_required');
    expect((await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
    expectProblem(await t.request('revops', { method: 'GET', url }), 404, 'not_found');
  });

  it('answers a duplicate open lead with 409 naming it, and bad input with 400 naming fields', async () => {
    const first = (await post(makeLeadInput({ email: 'twin@example.com' }))).json() as { id: string };
    const twin = expectProblem(await post(makeLeadInput({ email: 'TWIN@example.com' })), 409, 'conflict');
    expect(twin['existingLeadId']).toBe(first.id);
    expect(fieldsOf(expectProblem(await post({ ...makeLeadInput(), email: 'twin.example.com' }), 400, 'validation_failed'))).toEqual(['body.email']);
    expect(fieldsOf(expectProblem(await post({ ...makeLeadInput(), status: 'Not A Key!' }), 400, 'validation_failed'))).toEqual(['body.status']);
    expect(fieldsOf(expectProblem(await post({ ...makeLeadInput(), status: 'hot' }), 400, 'validation_failed'))).toEqual(['body.status']);
    expect(JSON.stringify(expectProblem(await post({ ...makeLeadInput(), score: 99 }), 400, 'validation_failed')['errors'])).toContain('score');
    const badDate = await t.request('viewer', { method: 'GET', url: '/api/v1/leads?createdBefore=yesterday' });
    expect(fieldsOf(expectProblem(badDate, 400, 'validation_failed'))).toEqual(['querystring.createdBefore']);
  });

  it('converts over HTTP, once; a failing conversion writes nothing', async () => {
    const lead = (await post(makeLeadInput())).json() as { id: string };
    const url = `/api/v1/leads/${lead.id}/convert`;
    const bad = await t.request('revops', { method: 'POST', url, payload: { createAccount: { name: 'Acme', currency: 'EURO' } } });
    expect(fieldsOf(expectProblem(bad, 400, 'validation_failed'))).toEqual(['body.createAccount.currency']);
    const before = await countLeadWorld(t.ctx);
    const stale = await t.request('revops', { method: 'POST', url, payload: { createAccount: makeAccountInput() }, headers: { 'if-match': '"7"' } });
    expectProblem(stale, 409, 'version_conflict');
    expect(await countLeadWorld(t.ctx)).toEqual(before);
    const converted = await t.request('revops', { method: 'POST', url, payload: { createAccount: makeAccountInput() }, headers: { 'if-match': '"1"' } });
    expect(converted.statusCode).toBe(200);
    expect(converted.json()).toMatchObject({ accountCreated: true, contactCreated: true, opportunityId: null, lead: { stage: 'converted', version: 2 } });
    expectProblem(await t.request('revops', { method: 'POST', url, payload: { createAccount: makeAccountInput() } }), 409, 'conflict');
  });

  it('configures the lifecycle as admin or revops only; everyone who reads leads reads it', async () => {
    const status = { key: 'recycled', label: 'Recycled', stage: 'new', sortOrder: 70 };
    expectProblem(await t.request('sales_manager', { method: 'POST', url: '/api/v1/lead-statuses', payload: status }), 403, 'forbidden');
    expect((await t.request('admin', { method: 'POST', url: '/api/v1/lead-statuses', payload: status })).statusCode).toBe(201);
    const list = (await t.request('viewer', { method: 'GET', url: '/api/v1/lead-statuses' })).json() as { data: Array<{ key: string }> };
    expect(list.data.map((s) => s.key)).toContain('recycled');
    const relabel = await t.request('revops', { method: 'PATCH', url: '/api/v1/lead-statuses/recycled', payload: { label: 'Recycle' }, headers: { 'if-match': '"1"' } });
    expect(relabel.json()).toMatchObject({ label: 'Recycle', version: 2 });
    const notFalse = await t.request('revops', { method: 'PATCH', url: '/api/v1/lead-statuses/new', payload: { isDefault: false, version: 1 } });
    expect(fieldsOf(expectProblem(notFalse, 400, 'validation_failed'))).toEqual(['body.isDefault']);
  });

  it('scopes a sales_rep API key to its team\'s leads', async () => {
    const w = await createScopeWorld(t.ctx, 'lead-routes');
    const ours = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.teammate.id }));
    const theirs = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.outsider.id }));
    const { secret } = await createApiKey(t.ctx, { name: 'team key', role: 'sales_rep', teamId: w.users.rep.teamId });
    const key = (options: InjectOptions) => t.app.inject({ ...options, headers: { authorization: `Bearer ${secret}` } });
    expect((await key({ method: 'GET', url: `/api/v1/leads/${ours.id}` })).statusCode).toBe(200);
    expect((await key({ method: 'GET', url: `/api/v1/leads/${theirs.id}` })).statusCode).toBe(404);
    const page = (await key({ method: 'GET', url: '/api/v1/leads?limit=500' })).json() as { data: Array<{ id: string }> };
    expect(page.data.map((l) => l.id)).toEqual([ours.id]);
  });
});
