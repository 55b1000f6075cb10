import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createApiKey, createTeam, createUser } from '../identity/index.ts';
import type { Role } from '../shared/access.ts';
import { makeAccount, makeSubscriptionInput } from './fixtures.ts';
import { upsertImportedInvoice, upsertImportedPayment } from './index.ts';
import { createBillingTestApp } from './test-fixtures/billing-test-app.ts';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown };
type Json = Record<string, unknown>;

function expectProblem(response: Response, status: number, code: string): Json {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Json;
  expect(body).toMatchObject({ status, code });
  return body;
}
const fieldsOf = (problem: Json) => ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);

describe('billing routes', () => {
  let t: TestApp;
  let accountId: string;
  const post = (role: Role | null, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.request(role, { method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
  const get = (role: Role | null, url: string) => t.request(role, { method: 'GET', url: `/api/v1${url}` });
  beforeAll(async () => {
    t = await createBillingTestApp();
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  it('creates as finance and reads as viewer, with money as { amountMinor, currency } and item history', async () => {
    const created = await post('finance', '/subscriptions', makeSubscriptionInput(accountId, { items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: '4900' }] }));
    expect(created.statusCode).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const body = created.json() as Json & { id: string };
    expect(created.headers['location']).toBe(`/api/v1/subscriptions/${body.id}`);
    expect(body).toMatchObject({ accountId, currency: 'USD', status: 'active', startDate: '2026-01-15', endDate: null, version: 1 });
    expect(body['itemVersions']).toEqual([{
      id: expect.any(String), itemKey: 'pro-seat', description: null, kind: 'recurring', quantity: 10, unitPrice: { amountMinor: 4900, currency: 'USD' },
      unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: 1, timing: 'in_advance', effectiveFromDate: '2026-01-15', effectiveToDate: null,
      createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z',
    }]);
    const read = await get('viewer', `/subscriptions/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('lets only admin and finance write', async () => {
    for (const role of ['revops', 'success', 'viewer', 'sales_rep', 'sales_manager'] as const) {
      expectProblem(await post(role, '/subscriptions', makeSubscriptionInput(accountId)), 403, 'forbidden');
    }
    expectProblem(await post(null, '/subscriptions', makeSubscriptionInput(accountId)), 401, 'unauthenticated');
    expect((await post('admin', '/subscriptions', makeSubscriptionInput(accountId))).statusCode).toBe(201);
  });

  it('answers bad bodies with field errors', async () => {
    const bad = expectProblem(await post('finance', '/subscriptions', { ...makeSubscriptionInput(accountId), startDate: '2026-02-30', items: [{ itemKey: 'x', quantity: 1.5 }], extra: 1 }), 400, 'validation_failed');
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.startDate', 'body.items.0.quantity', 'body.extra']));
    const noPrice = expectProblem(await post('finance', '/subscriptions', makeSubscriptionInput(accountId, { items: [{ itemKey: 'x', quantity: 1 }] })), 400, 'validation_failed');
    expect(fieldsOf(noPrice)).toEqual(['body.items.0.unitPriceMinor']);
  });

  it('changes items with If-Match and cancels at a date', async () => {
    const { id } = (await post('finance', '/subscriptions', makeSubscriptionInput(accountId))).json() as { id: string };
    const change = { effectiveDate: '2026-03-01', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 12 }] };
    expectProblem(await post('finance', `/subscriptions/${id}/changes`, change), 428, 'precondition_required');
    const changed = await post('finance', `/subscriptions/${id}/changes`, change, { 'if-match': '"1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['etag']).toBe('"2"');
    const versions = (changed.json() as { itemVersions: Json[] }).itemVersions;
    expect(versions.map((v) => [v['quantity'], v['effectiveFromDate'], v['effectiveToDate']])).toEqual([[10, '2026-01-15', '2026-03-01'], [12, '2026-03-01', null]]);
    expectProblem(await post('finance', `/subscriptions/${id}/changes`, { ...change, version: 1 }), 409, 'version_conflict');
    expectProblem(await post('finance', `/subscriptions/${id}/changes`, { ...change, version: 2 }), 422, 'business_rule_violated');
    expectProblem(await post('finance', `/subscriptions/${id}/cancel`, { cancelDate: '2026-05-01', atPeriodEnd: true, version: 2 }), 400, 'validation_failed');
    const canceled = await post('finance', `/subscriptions/${id}/cancel`, { cancelDate: '2026-05-01', version: 2 });
    expect(canceled.json()).toMatchObject({ endDate: '2026-05-01', cancelDate: '2026-05-01', autoRenew: false, version: 3 });
    expectProblem(await post('finance', '/subscriptions/sub_missing/cancel', { version: 1 }), 404, 'not_found');
  });

  it('lists with filters and keyset pages that neither skip nor repeat', async () => {
    const other = await makeAccount(t.ctx);
    for (let i = 0; i < 3; i += 1) await post('finance', '/subscriptions', makeSubscriptionInput(other, { startDate: `2026-0${i + 2}-01` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await get('viewer', `/subscriptions?accountId=${other}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as { data: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect([...seen].sort().reverse()).toEqual(seen);
    const onDay = (await get('viewer', `/subscriptions?accountId=${other}&activeOnDate=2026-03-01`)).json() as { data: Array<{ startDate: string }> };
    expect(onDay.data.map((s) => s.startDate)).toEqual(['2026-03-01', '2026-02-01']);
    expectProblem(await get('viewer', '/subscriptions?owner=me'), 400, 'validation_failed');
  });

  it('shows sales reps the subscriptions of their team’s accounts only', async () => {
    const team = await createTeam(t.ctx, { name: 'EMEA' });
    const rep = await createUser(t.ctx, { email: 'rep@example.com', displayName: 'Rep', role: 'sales_rep', teamId: team.id, locale: 'en' });
    const ours = await makeAccount(t.ctx, { ownerUserId: rep.id });
    const mine = (await post('finance', '/subscriptions', makeSubscriptionInput(ours))).json() as { id: string };
    const theirs = (await post('finance', '/subscriptions', makeSubscriptionInput(accountId))).json() as { id: string };
    const { secret } = await createApiKey(t.ctx, { name: 'emea rep', role: 'sales_rep', teamId: team.id });
    const asRep = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${secret}` } });
    expect((await asRep(`/subscriptions/${mine.id}`)).statusCode).toBe(200);
    expectProblem(await asRep(`/subscriptions/${theirs.id}`), 404, 'not_found');
    expect(((await asRep('/subscriptions')).json() as { data: Array<{ id: string }> }).data.map((s) => s.id)).toEqual([mine.id]);
    expectProblem(await asRep('/invoices'), 403, 'forbidden');
  });

  it('serves imported invoices with lines and payments with allocations', async () => {
    const invoice = await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'stripe', externalId: 'in_1', accountId, number: 'INV-1', currency: 'JPY', issueDate: '2026-01-01', subtotalMinor: 12_000, taxMinor: 1_200,
      lines: [{ description: 'API calls', quantity: '1200.5', unitAmountMinor: null, amountMinor: 12_000 }],
    });
    await upsertImportedPayment(t.ctx, {
      sourceSystem: 'stripe', externalId: 'py_1', accountId, amountMinor: 13_200, currency: 'JPY', receivedAt: '2026-01-05T00:00:00Z',
      allocations: [{ invoiceExternalId: 'in_1', amountMinor: 13_200 }],
    });
    const read = await get('success', `/invoices/${invoice.record.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      number: 'INV-1', status: 'issued', total: { amountMinor: 13_200, currency: 'JPY' }, amountDue: { amountMinor: 13_200, currency: 'JPY' },
      lines: [{ lineNumber: 1, quantity: '1200.5', unitAmount: null, amount: { amountMinor: 12_000, currency: 'JPY' } }],
    });
    const invoices = (await get('revops', `/invoices?accountId=${accountId}&status=issued`)).json() as { data: Json[] };
    expect(invoices.data.map((i) => i['number'])).toEqual(['INV-1']);
    const payments = (await get('finance', '/payments')).json() as { data: Json[] };
    expect(payments.data).toMatchObject([{ amount: { amountMinor: 13_200, currency: 'JPY' }, method: 'other', allocations: [{ invoiceId: invoice.record.id, amount: { amountMinor: 13_200, currency: 'JPY' } }] }]);
    expectProblem(await get('viewer', '/invoices/inv_missing'), 404, 'not_found');
  });

  it('documents every billing route in the OpenAPI document', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths).filter((path) => /subscriptions|invoices|payments/.test(path)).sort()).toEqual([
      '/api/v1/invoices', '/api/v1/invoices/preview', '/api/v1/invoices/{id}', '/api/v1/invoices/{id}/billing', '/api/v1/invoices/{id}/document.pdf', '/api/v1/invoices/{id}/issue',
      '/api/v1/invoices/{id}/links', '/api/v1/invoices/{id}/settlements', '/api/v1/invoices/{id}/void', '/api/v1/payments', '/api/v1/payments/statement-imports', '/api/v1/payments/{id}', '/api/v1/payments/{id}/applications',
      '/api/v1/payments/{id}/chargeback', '/api/v1/payments/{id}/refunds', '/api/v1/payments/{id}/unapplications',
      '/api/v1/subscriptions', '/api/v1/subscriptions/{id}', '/api/v1/subscriptions/{id}/cancel', '/api/v1/subscriptions/{id}/changes',
      '/api/v1/subscriptions/{id}/links', '/api/v1/subscriptions/{id}/pause', '/api/v1/subscriptions/{id}/resume',
    ]);
  });
});
