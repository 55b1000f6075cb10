import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTeam, createUser } from '../../identity/index.ts';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf, makeOpportunityInput } from './fixtures.ts';
import type { Opportunity, StageHistoryEntry } from './index.ts';
import { createRevenueTestApp, expectProblem, fieldsOf } from './test-fixtures/revenue-test-app.ts';

describe('opportunity routes', () => {
  let t: TestApp;
  let accountId = '';
  beforeAll(async () => {
    t = await createRevenueTestApp();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('creates, reads, patches, moves stage and deletes with ETags, If-Match and audit rows', async () => {
    const created = await t.request('revops', { method: 'POST', url: '/api/v1/opportunities', payload: makeOpportunityInput(accountId, { name: 'Initech' }) });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const opportunity = created.json() as Opportunity;
    expect(created.headers['location']).toBe(`/api/v1/opportunities/${opportunity.id}`);
    expect(opportunity).toMatchObject({ name: 'Initech', amount: { amountMinor: 1_000_000, currency: 'EUR' }, stage: 'prospecting', probabilityBps: 1000, status: 'open' });
    const url = `/api/v1/opportunities/${opportunity.id}`;
    const read = await t.request('finance', { method: 'GET', url });
    expect(read.json()).toEqual(opportunity);
    expect(read.headers['etag']).toBe('"1"');

    const patched = await t.request('revops', { method: 'PATCH', url, payload: { amount: { amountMinor: 2_500_000, currency: 'EUR' } }, headers: { 'if-match': '"1"' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers['etag']).toBe('"2"');
    t.clock.advance({ days: 2 });
    const moved = await t.request('revops', { method: 'POST', url: `${url}/stage`, payload: { stage: 'negotiation', version: 2 } });
    expect(moved.json()).toMatchObject({ stage: 'negotiation', probabilityBps: 8000, forecastCategory: 'commit', version: 3 });
    expectProblem(await t.request('revops', { method: 'POST', url: `${url}/stage`, payload: { stage: 'proposal' } }), 428, 'precondition_required');
    const lostNoReason = expectProblem(await t.request('revops', { method: 'POST', url: `${url}/stage`, payload: { stage: 'closed_lost', version: 3 } }), 400, 'validation_failed');
    expect(fieldsOf(lostNoReason)).toEqual(['body.lostReason']);
    const lost = await t.request('revops', { method: 'POST', url: `${url}/stage`, payload: { stage: 'closed_lost', lostReason: 'No budget' }, headers: { 'if-match': '"3"' } });
    expect(lost.json()).toMatchObject({ status: 'lost', lostReason: 'No budget', closedAt: '2026-01-17T09:00:00.000Z' });

    const history = (await t.request('viewer', { method: 'GET', url: `${url}/stage-history` })).json() as { data: StageHistoryEntry[] };
    expect(history.data.map((e) => [e.stage, e.enteredAt, e.leftAt])).toEqual([
      ['prospecting', '2026-01-15T09:00:00.000Z', '2026-01-17T09:00:00.000Z'],
      ['negotiation', '2026-01-17T09:00:00.000Z', '2026-01-17T09:00:00.000Z'],
      ['closed_lost', '2026-01-17T09:00:00.000Z', null],
    ]);
    expect(history.data[1]?.amountAtEntry).toEqual({ amountMinor: 2_500_000, currency: 'EUR' });

    expectProblem(await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    expect((await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"4"' } })).statusCode).toBe(204);
    expectProblem(await t.request('revops', { method: 'GET', url }), 404, 'not_found');
    expect((await auditTrailOf(t.ctx, 'opportunity', opportunity.id)).map((row) => row.action)).toEqual(['create', 'update', 'update', 'update', 'delete']);
  });

  it('answers bad input with 400 and the field names, never 500', async () => {
    const post = (payload: unknown) => t.request('admin', { method: 'POST', url: '/api/v1/opportunities', payload: payload as object });
    const cases: Array<[unknown, string[]]> = [
      [{}, ['body.accountId', 'body.name', 'body.amount', 'body.closeDate']],
      [{ ...makeOpportunityInput(accountId), amount: { amountMinor: '12.50', currency: 'EUR' } }, ['body.amount.amountMinor']],
      [{ ...makeOpportunityInput(accountId), amount: { amountMinor: 1, currency: 'ABC' } }, ['body.amount.currency']],
      [{ ...makeOpportunityInput(accountId), stage: 'closed_lost' }, ['body.lostReason']],
      [{ ...makeOpportunityInput(accountId), stage: 'nope' }, ['body.stage']],
      [{ ...makeOpportunityInput(accountId), customFields: { 'Bad Key': 1 } }, ['body.customFields.Bad Key']],
      [{ ...makeOpportunityInput(accountId), owner: 'x' }, ['body.owner']],
    ];
    for (const [payload, fields] of cases) {
      expect(fieldsOf(expectProblem(await post(payload), 400, 'validation_failed')), JSON.stringify(payload)).toEqual(fields);
    }
    const list = (query: string) => t.request('viewer', { method: 'GET', url: `/api/v1/opportunities?${query}` });
    expect(fieldsOf(expectProblem(await list('sort=amount'), 400, 'validation_failed'))).toEqual(['querystring.currency']);
    expect(fieldsOf(expectProblem(await list('closeDateFrom=2026-13-01'), 400, 'validation_failed'))).toEqual(['querystring.closeDateFrom']);
    expect(fieldsOf(expectProblem(await list('stauts=open'), 400, 'validation_failed'))).toEqual(['querystring.stauts']);
    expect(fieldsOf(expectProblem(await list('cursor=%%%'), 400, 'validation_failed'))).toEqual(['querystring.cursor']);
  });

  it('lists with filters and pages, and replaces history by PUT for admins only', async () => {
    for (let i = 0; i < 3; i += 1) {
      await t.request('revops', { method: 'POST', url: '/api/v1/opportunities', payload: makeOpportunityInput(accountId, { name: `Paging ${i}`, type: 'expansion', closeDate: `2026-0${i + 4}-01` }) });
    }
    const first = (await t.request('viewer', { method: 'GET', url: '/api/v1/opportunities?type=expansion&sort=closeDate&limit=2' })).json() as { data: Opportunity[]; nextCursor: string };
    expect(first.data.map((o) => o.name)).toEqual(['Paging 0', 'Paging 1']);
    const second = (await t.request('viewer', { method: 'GET', url: `/api/v1/opportunities?type=expansion&sort=closeDate&limit=2&cursor=${first.nextCursor}` })).json() as { data: Opportunity[]; nextCursor: null };
    expect([second.data.map((o) => o.name), second.nextCursor]).toEqual([['Paging 2'], null]);
    const id = first.data[0]?.id ?? '';
    const entries = [{ stage: 'prospecting', enteredAt: '2026-01-01T00:00:00Z', leftAt: '2026-01-10T00:00:00Z' }, { stage: 'prospecting', enteredAt: '2026-01-10T00:00:00Z' }];
    expectProblem(await t.request('sales_manager', { method: 'PUT', url: `/api/v1/opportunities/${id}/stage-history`, payload: { entries } }), 403, 'forbidden');
    const replaced = await t.request('revops', { method: 'PUT', url: `/api/v1/opportunities/${id}/stage-history`, payload: { entries } });
    expect((replaced.json() as { data: StageHistoryEntry[] }).data.map((e) => e.enteredAt)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z']);
    const overlap = await t.request('revops', { method: 'PUT', url: `/api/v1/opportunities/${id}/stage-history`, payload: { entries: [entries[0], { ...entries[1], enteredAt: '2026-01-05T00:00:00Z' }] } });
    expect(fieldsOf(expectProblem(overlap, 400, 'validation_failed'))).toEqual(['body.entries.1.enteredAt']);
  });

  it('scopes a team API key of a sales rep to its team and the team\'s accounts', async () => {
    const team = await createTeam(t.ctx, { name: 'Nordics' });
    const member = await createUser(t.ctx, { email: 'member@example.com', displayName: 'Member', role: 'sales_rep', teamId: team.id, locale: 'en' });
    const outsider = await createUser(t.ctx, { email: 'outsider@example.com', displayName: 'Outsider', role: 'sales_rep', locale: 'en' });
    const teamAccount = await createAccount(t.ctx, makeAccountInput({ ownerUserId: member.id }));
    const { secret } = await createApiKey(t.ctx, { name: 'nordics', role: 'sales_rep', teamId: team.id });
    const key = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${secret}` } });
    const ownOpp = await key('POST', '/api/v1/opportunities', makeOpportunityInput(teamAccount.id, { ownerUserId: member.id }));
    expect(ownOpp.statusCode, ownOpp.body).toBe(201);
    expectProblem(await key('POST', '/api/v1/opportunities', makeOpportunityInput(accountId, { ownerUserId: member.id })), 400, 'validation_failed');
    expectProblem(await key('POST', '/api/v1/opportunities', makeOpportunityInput(teamAccount.id, { ownerUserId: outsider.id })), 403, 'forbidden');
    const listed = (await key('GET', '/api/v1/opportunities?limit=500')).json() as { data: Opportunity[] };
    expect(listed.data.map((o) => o.id)).toEqual([(ownOpp.json() as Opportunity).id]);
    const hidden = (await t.request('admin', { method: 'GET', url: `/api/v1/opportunities?accountId=${accountId}&limit=1` })).json() as { data: Opportunity[] };
    expectProblem(await key('GET', `/api/v1/opportunities/${hidden.data[0]?.id ?? ''}`), 404, 'not_found');
  });
});
