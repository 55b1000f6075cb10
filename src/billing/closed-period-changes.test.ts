import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { closePeriod } from '../ledger/index.ts';
import { makeAccount } from './fixtures.ts';
import { pauseSubscription, resumeSubscription } from './pause-subscription.ts';

// Issue #5: "every change has an effective date (back-dating allowed up to the last closed period)".
// January and February 2026 are closed; the earliest date a change may take effect is 2026-03-01.
describe('back-dated subscription changes and the closed ledger periods', () => {
  let t: TestApp;
  let accountId: string;
  // Made before the months close: a subscription that started then is changed now.
  const subs: Array<{ id: string; version: number }> = [];
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-03-10T06:00:00Z' });
    accountId = await makeAccount(t.ctx);
    for (let index = 0; index < 4; index += 1) subs.push(await createSubscription());
    const admin = { ...t.ctx, actor: { ...t.ctx.actor, role: 'admin' as const } };
    await closePeriod(admin, '2026-01');
    await closePeriod(admin, '2026-02');
  });
  afterAll(() => t.close());

  function subscribe() {
    const sub = subs.pop();
    if (!sub) throw new Error('the test made too few subscriptions before the close');
    return sub;
  }

  async function createSubscription(startDate = '2026-01-01') {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate, billingMode: 'calendar', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }] } });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: string; version: number };
  }

  function expectClosedPeriodProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string) {
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'business_rule_violated',
      detail: expect.stringContaining('closed through 2026-02'),
      errors: [{ field, message: expect.stringContaining('2026-03-01') }],
    });
  }

  it('refuses an item change effective in a closed month and keeps the subscription as it was', async () => {
    const sub = subscribe();
    const change = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, payload: { version: sub.version, effectiveDate: '2026-02-28', changes: [{ action: 'update', itemKey: 'seat', quantity: 20 }] } });
    expectClosedPeriodProblem(change, 'body.effectiveDate');
    const after = await t.request('finance', { method: 'GET', url: `/api/v1/subscriptions/${sub.id}` });
    expect(after.json()).toMatchObject({ version: sub.version, itemVersions: [{ quantity: 10, effectiveToDate: null }] });
    const allowed = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, payload: { version: sub.version, effectiveDate: '2026-03-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 20 }] } });
    expect(allowed.statusCode).toBe(200);
  });

  it('refuses a cancellation dated in a closed month', async () => {
    const sub = subscribe();
    const cancel = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/cancel`, payload: { version: sub.version, cancelDate: '2026-02-10' } });
    expectClosedPeriodProblem(cancel, 'body.cancelDate');
    expect((await t.request('finance', { method: 'GET', url: `/api/v1/subscriptions/${sub.id}` })).json()).toMatchObject({ endDate: null, canceledAt: null });
  });

  it('refuses a new subscription starting in a closed month', async () => {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate: '2026-01-15', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 4900 }] } });
    expectClosedPeriodProblem(created, 'body.startDate');
  });

  it('refuses a pause or resume dated in a closed month', async () => {
    const sub = subscribe();
    await expect(pauseSubscription(t.ctx, { id: sub.id, pauseDate: '2026-02-01' })).rejects.toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'body.pauseDate' }] });
    await pauseSubscription(t.ctx, { id: sub.id, pauseDate: '2026-03-05' });
    await expect(resumeSubscription(t.ctx, { id: sub.id, resumeDate: '2026-03-06' })).resolves.toMatchObject({ pauses: [{ startDate: '2026-03-05', endDate: '2026-03-06' }] });
    const other = subscribe();
    await pauseSubscription(t.ctx, { id: other.id, pauseDate: '2026-03-01' });
    await expect(pauseSubscription(t.ctx, { id: other.id, pauseDate: '2026-02-20', resumeDate: '2026-02-25' })).rejects.toMatchObject({ fieldErrors: [{ field: 'body.pauseDate' }] });
  });
});
