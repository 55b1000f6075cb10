import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf } from '../opportunities/fixtures.ts';
import { createRevenueTestApp, expectProblem, fieldsOf } from '../opportunities/test-fixtures/revenue-test-app.ts';
import type { Ticket } from './index.ts';

describe('ticket routes', () => {
  let t: TestApp;
  let accountId = '';
  beforeAll(async () => {
    t = await createRevenueTestApp();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('lets Success write and everyone read, with ETags and audit rows', async () => {
    expectProblem(await t.request('sales_rep', { method: 'POST', url: '/api/v1/tickets', payload: { accountId, subject: 'x' } }), 403, 'forbidden');
    const created = await t.request('success', { method: 'POST', url: '/api/v1/tickets', payload: { accountId, subject: 'Export fails', priority: 'urgent', channel: 'chat' } });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json() as Ticket;
    const url = `/api/v1/tickets/${ticket.id}`;
    expect((await t.request('sales_rep', { method: 'GET', url })).statusCode).toBe(404);
    expect((await t.request('finance', { method: 'GET', url })).json()).toEqual(ticket);
    t.clock.advance({ hours: 4 });
    const solved = await t.request('success', { method: 'PATCH', url, payload: { status: 'solved', firstResponseAt: '2026-01-15T09:10:00Z', csat: 4 }, headers: { 'if-match': '"1"' } });
    expect(solved.json()).toMatchObject({ status: 'solved', closedAt: '2026-01-15T13:00:00.000Z', csat: 4, version: 2 });
    const list = (await t.request('viewer', { method: 'GET', url: `/api/v1/tickets?accountId=${accountId}&status=solved` })).json() as { data: Ticket[] };
    expect(list.data.map((x) => x.id)).toEqual([ticket.id]);
    expect((await t.request('success', { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
    expect((await auditTrailOf(t.ctx, 'ticket', ticket.id)).map((row) => row.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers out-of-order times and a CSAT outside 1–5 with 400 naming the field', async () => {
    const post = (payload: object) => t.request('success', { method: 'POST', url: '/api/v1/tickets', payload: { accountId, subject: 'x', ...payload } });
    expect(fieldsOf(expectProblem(await post({ csat: 6 }), 400, 'validation_failed'))).toEqual(['body.csat']);
    expect(fieldsOf(expectProblem(await post({ openedAt: '2026-01-10T00:00:00Z', firstResponseAt: '2026-01-09T00:00:00Z' }), 400, 'validation_failed'))).toEqual(['body.firstResponseAt']);
    expect(fieldsOf(expectProblem(await post({ openedAt: '2026-01-10T00:00:00Z', status: 'closed', closedAt: '2026-01-09T00:00:00Z' }), 400, 'validation_failed'))).toEqual(['body.closedAt']);
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/tickets?sort=priority' }), 400, 'validation_failed'))).toEqual(['querystring.sort']);
  });
});
