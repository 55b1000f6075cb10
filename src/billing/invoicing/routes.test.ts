import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../fixtures.ts';

describe('billing engine routes', () => {
  let t: TestApp;
  let subscriptionId: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-02-01T06:00:00Z' });
    const accountId = await makeAccount(t.ctx);
    subscriptionId = (await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: '2026-01-15', billingMode: 'calendar', items: [makeItemInput()] }))).id;
  });
  afterAll(() => t.close());

  it('previews, runs, issues and voids through the API with money as { amountMinor, currency }', async () => {
    const preview = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/preview?subscriptionId=${subscriptionId}&date=2026-02-01` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().invoices.map((i: { total: unknown }) => i.total)).toEqual([{ amountMinor: 26871, currency: 'USD' }, { amountMinor: 49000, currency: 'USD' }]);
    expect(preview.json().invoices[0].lines[0]).toMatchObject({
      note: 'prorated 17/31 days', noteParts: { kind: 'prorated', billableDays: 17, periodDays: 31, billedBefore: null }, periodStartDate: '2026-01-15', periodEndDate: '2026-02-01',
    });

    expect((await t.request('sales_rep', { method: 'POST', url: '/api/v1/billing/runs', payload: { date: '2026-02-01' } })).statusCode).toBe(403);
    const bad = await t.request('finance', { method: 'POST', url: '/api/v1/billing/runs', payload: { date: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/body.date/);
    const run = await t.request('finance', { method: 'POST', url: '/api/v1/billing/runs', payload: { date: '2026-02-01' } });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ subscriptions: 1, invoicesDrafted: 2, invoicesIssued: 0, errors: [] });

    const list = await t.request('finance', { method: 'GET', url: '/api/v1/invoices' });
    const ids = (list.json().data as Array<{ id: string; status: string }>).map((invoice) => invoice.id);
    expect(ids).toHaveLength(2);
    const issued = await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${ids[0]}/issue` });
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', number: 'INV-2026-000001' });
    const again = await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${ids[0]}/issue` });
    expect(again.statusCode).toBe(422);
    const voided = await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${ids[0]}/void`, payload: { reason: 'duplicate' } });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ invoice: { status: 'void' }, creditNote: { number: 'CN-2026-000001', kind: 'void' } });
    const note = await t.request('viewer', { method: 'GET', url: `/api/v1/credit-notes/${voided.json().creditNote.id}` });
    expect(note.json().total.amountMinor).toBe(issued.json().total.amountMinor);
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/invoices/inv_missing/billing' })).statusCode).toBe(404);
  });
});
