import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { makeCustomer, makeIssuedInvoice } from './fixtures.ts';

describe('payments API', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ start: '2026-02-10T09:00:00Z' }); });
  afterAll(async () => { await t.close(); });

  it('records a payment once per Idempotency-Key and shows what it paid', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, number: 'INV-API-1' });
    const body = { accountId, amount: { amountMinor: 12_000, currency: 'EUR' }, receivedDate: '2026-02-09', method: 'bank_transfer', reference: 'INV-API-1' };
    const headers = { 'idempotency-key': 'pay-once-1' };
    const first = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: body, headers });
    expect(first.statusCode).toBe(201);
    const created = first.json();
    expect(created).toMatchObject({
      accountId, amount: { amountMinor: 12_000, currency: 'EUR' }, receivedDate: '2026-02-09', status: 'succeeded',
      applied: { amountMinor: 10_000, currency: 'EUR' }, unapplied: { amountMinor: 2_000, currency: 'EUR' },
      allocations: [{ invoiceId: invoice.id, amount: { amountMinor: 10_000, currency: 'EUR' } }],
    });
    const replay = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: body, headers });
    expect(replay.json().id).toBe(created.id);
    const fetched = await t.request('viewer', { method: 'GET', url: `/api/v1/payments/${created.id}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().journalEntryId).toMatch(/^je_/);
    const credits = await t.request('finance', { method: 'GET', url: `/api/v1/customer-credits?accountId=${accountId}` });
    expect(credits.json()).toEqual({ data: [{ accountId, amount: { amountMinor: 2_000, currency: 'EUR' } }] });

    const refund = await t.request('finance', { method: 'POST', url: `/api/v1/payments/${created.id}/refunds`, payload: { amountMinor: 2_001 } });
    expect(refund.statusCode).toBe(422);
    expect(refund.headers['content-type']).toContain('application/problem+json');
    expect(refund.json()).toMatchObject({ code: 'business_rule_violated', errors: [{ field: 'body.amountMinor' }] });
  });

  it('refuses a payment dated after today (by the clock) with a field error', async () => {
    const accountId = await makeCustomer(t.ctx);
    const future = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: 500, currency: 'EUR' }, receivedDate: '2026-02-11' } });
    expect(future.statusCode).toBe(422);
    expect(future.headers['content-type']).toContain('application/problem+json');
    expect(future.json()).toMatchObject({ code: 'business_rule_violated', errors: [{ field: 'body.receivedDate', message: expect.stringContaining('2026-02-10') }] });
    const today = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: 500, currency: 'EUR' }, receivedDate: '2026-02-10' } });
    expect(today.statusCode).toBe(201);
  });

  it('names bad amounts and allocations in words, never zod’s raw text', async () => {
    const accountId = await makeCustomer(t.ctx);
    const messages = async (url: string, payload: object) => {
      const response = await t.request('finance', { method: 'POST', url, payload });
      expect([response.statusCode, response.headers['content-type']]).toEqual([400, expect.stringContaining('application/problem+json')]);
      return Object.fromEntries((response.json().errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    };
    const payment = (amountMinor: unknown, extra: object = {}) => ({ accountId, amount: { amountMinor, currency: 'EUR' }, receivedDate: '2026-02-09', ...extra });
    expect(await messages('/api/v1/payments', payment(-5))).toEqual({ 'body.amount.amountMinor': 'must be greater than zero' });
    expect(await messages('/api/v1/payments', payment(1.5))).toEqual({ 'body.amount.amountMinor': expect.stringMatching(/^must be a whole number of minor units/) });
    expect(await messages('/api/v1/payments', payment(null))).toEqual({ 'body.amount.amountMinor': expect.stringMatching(/^must be a whole number of minor units/) });
    expect(await messages('/api/v1/payments', payment(5, { allocations: [] }))).toEqual({ 'body.allocations': expect.stringMatching(/at least one allocation/) });
    expect(await messages('/api/v1/payments/pay_1/refunds', { amountMinor: 0 })).toEqual({ 'body.amountMinor': 'must be greater than zero' });
    const stages = await t.request('admin', { method: 'PUT', url: '/api/v1/dunning/stages', payload: { stages: [{ code: 'reminder', daysAfterDue: -1, template: 'reminder' }] } });
    expect(stages.json().errors).toEqual([expect.objectContaining({ field: 'body.stages.0.daysAfterDue', message: expect.stringMatching(/^must be 0 or more days/) })]);
  });

  it('answers bad input with field errors and keeps writes to finance', async () => {
    const accountId = await makeCustomer(t.ctx);
    const bad = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: -5, currency: 'EUR' }, receivedDate: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['body.amount.amountMinor', 'body.receivedDate']));
    const forbidden = await t.request('sales_rep', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: 5, currency: 'EUR' }, receivedDate: '2026-02-09' } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('serves AR aging and the collections worklist', async () => {
    const accountId = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 3_300n, issueDate: '2026-01-01', dueDate: '2026-01-15' });
    const aging = await t.request('viewer', { method: 'GET', url: `/api/v1/ar/aging?asOf=2026-02-20&currency=EUR` });
    expect(aging.statusCode).toBe(200);
    const row = (aging.json().customers as Array<{ accountId: string; buckets: Record<string, unknown> }>).find((c) => c.accountId === accountId);
    expect(row?.buckets).toMatchObject({ days31To60: { amountMinor: 3_300, currency: 'EUR' }, total: { amountMinor: 3_300, currency: 'EUR' } });
    const worklist = await t.request('finance', { method: 'GET', url: `/api/v1/collections/worklist?asOf=2026-02-20&accountId=${accountId}` });
    expect(worklist.json().data).toMatchObject([{ accountId, onHold: false, invoices: [{ daysPastDue: 36, amountDue: { amountMinor: 3_300, currency: 'EUR' } }] }]);
    const stages = await t.request('finance', { method: 'PUT', url: '/api/v1/dunning/stages', payload: { stages: [{ code: 'reminder', daysAfterDue: 5, template: 'reminder' }, { code: 'late', daysAfterDue: 5, template: 'final_notice' }] } });
    expect(stages.statusCode).toBe(400);
    expect(stages.json().errors).toEqual([{ field: 'body.stages.1.daysAfterDue', message: "must be after the previous stage's 5" }]);
  });

  it('puts an account on hold by hand and releases it, with problem+json for what cannot be done', async () => {
    const accountId = await makeCustomer(t.ctx);
    const url = `/api/v1/collections/holds/${accountId}`;
    expect((await t.request('viewer', { method: 'GET', url })).json()).toEqual({ accountId, onHold: false, hold: null });
    const placed = await t.request('finance', { method: 'POST', url, payload: { reason: 'Disputed invoice INV-7' } });
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ takenOver: false, hold: { accountId, origin: 'manual', reason: 'Disputed invoice INV-7', placedDate: '2026-02-10' } });
    expect((await t.request('viewer', { method: 'GET', url })).json()).toMatchObject({ onHold: true, hold: { origin: 'manual' } });

    const again = await t.request('finance', { method: 'POST', url, payload: { reason: 'again' } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().detail).toContain('already on hold by hand since 2026-02-10: Disputed invoice INV-7');
    const empty = await t.request('finance', { method: 'POST', url, payload: { reason: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toMatchObject([{ field: 'body.reason' }]);
    expect((await t.request('sales_rep', { method: 'POST', url, payload: { reason: 'x' } })).statusCode).toBe(403);
    const unknown = await t.request('finance', { method: 'POST', url: '/api/v1/collections/holds/acct_nope', payload: { reason: 'x' } });
    expect(unknown.statusCode).toBe(404);
    expect((await t.request('viewer', { method: 'GET', url: '/api/v1/collections/holds/acct_nope' })).statusCode).toBe(404);

    const released = await t.request('finance', { method: 'POST', url: `${url}/release`, payload: { reason: 'Settled with the customer' } });
    expect(released.json()).toEqual({ accountId, released: true });
    expect((await t.request('viewer', { method: 'GET', url })).json()).toEqual({ accountId, onHold: false, hold: null });
    expect((await t.request('finance', { method: 'POST', url: '/api/v1/collections/holds/acct_nope/release', payload: { reason: 'x' } })).statusCode).toBe(404);
  });
});
