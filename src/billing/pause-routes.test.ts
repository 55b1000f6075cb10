import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { makeAccount } from './fixtures.ts';

// Issue #5 lists pause/resume among the subscription changes; finance needs them through the API.
describe('pause and resume through the API', () => {
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-02-10T06:00:00Z' });
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  it('pauses from a date, resumes on another, with the version check, and bills no paused day', async () => {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate: '2026-02-01', billingMode: 'calendar', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900, timing: 'in_arrears' }] } });
    const sub = created.json() as { id: string; version: number };
    expect((await t.request('sales_rep', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/pause`, payload: { version: sub.version, pauseDate: '2026-02-15' } })).statusCode).toBe(403);
    const stale = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/pause`, payload: { version: sub.version + 1, pauseDate: '2026-02-15' } });
    expect(stale.statusCode).toBe(409);
    const bad = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/pause`, payload: { version: sub.version, pauseDate: '2026-02-15', resumeDate: '2026-02-10' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'business_rule_violated', errors: [{ field: 'body.resumeDate' }] });
    const paused = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/pause`, payload: { version: sub.version, pauseDate: '2026-02-15' } });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ version: sub.version + 1, pauses: [{ startDate: '2026-02-15', endDate: null }] });
    expect(paused.headers['etag']).toBe(`"${sub.version + 1}"`);
    const resumed = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/resume`, headers: { 'if-match': `"${sub.version + 1}"` }, payload: { resumeDate: '2026-02-22' } });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ pauses: [{ startDate: '2026-02-15', endDate: '2026-02-22' }] });
    const noOpen = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/resume`, payload: { version: sub.version + 2, resumeDate: '2026-02-25' } });
    expect(noOpen.json()).toMatchObject({ errors: [{ field: 'body.resumeDate', message: 'the subscription has no open pause' }] });
    // February has 28 days, 7 paused: 49000 × 21/28 = 36750, at the period end (in arrears).
    const preview = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/preview?subscriptionId=${sub.id}&date=2026-03-01` });
    expect(preview.json().invoices.map((invoice: { total: { amountMinor: number } }) => invoice.total.amountMinor)).toEqual([36750]);
  });
});
