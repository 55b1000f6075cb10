import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { makeAccount } from './fixtures.ts';

// Issue #5: "upgrade, downgrade (policy: immediately or at period end, default at period end)". A change
// sent without an effective date takes effect today when it raises (or keeps) what the subscription
// bills, and at the end of the current billing period when it lowers it — unless asked for at once.
describe('when a change without an effective date takes effect', () => {
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-03-10T06:00:00Z' });
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  async function subscribe(items: unknown[] = [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }], extra: Record<string, unknown> = {}) {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate: '2026-01-20', items, ...extra } });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: string; version: number };
  }
  const change = (sub: { id: string; version: number }, body: Record<string, unknown>) =>
    t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, payload: { version: sub.version, ...body } });
  const opened = (response: { json(): unknown }) => (response.json() as { itemVersions: Array<{ itemKey: string; quantity: number; effectiveFromDate: string; effectiveToDate: string | null }> })
    .itemVersions.filter((version) => version.effectiveToDate === null).map((version) => [version.itemKey, version.quantity, version.effectiveFromDate]);

  it('an upgrade takes effect today', async () => {
    const sub = await subscribe();
    const response = await change(sub, { changes: [{ action: 'update', itemKey: 'seat', quantity: 12 }] });
    expect(response.statusCode).toBe(200);
    expect(opened(response)).toEqual([['seat', 12, '2026-03-10']]);
  });

  it('a downgrade takes effect at the end of the current billing period by default (anniversary on the 20th)', async () => {
    const sub = await subscribe();
    const response = await change(sub, { changes: [{ action: 'update', itemKey: 'seat', quantity: 4 }] });
    expect(opened(response)).toEqual([['seat', 4, '2026-03-20']]);
  });

  it('a downgrade asked for immediately takes effect today; a removal counts as a downgrade', async () => {
    const now = await subscribe();
    expect(opened(await change(now, { downgrade: 'immediately', changes: [{ action: 'update', itemKey: 'seat', unitPriceMinor: 3900 }] }))).toEqual([['seat', 10, '2026-03-10']]);
    const removal = await subscribe([{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }, { itemKey: 'support', quantity: 1, unitPriceMinor: 9900, billingIntervalMonths: 3 }]);
    // The longest interval in effect decides the period: quarterly from Jan 20 → Apr 20.
    const removed = await change(removal, { changes: [{ action: 'remove', itemKey: 'support' }] });
    expect((removed.json() as { itemVersions: Array<{ itemKey: string; effectiveToDate: string | null }> }).itemVersions.find((v) => v.itemKey === 'support')?.effectiveToDate).toBe('2026-04-20');
  });

  it('a cheaper annual price per month is a downgrade even though the period amount is larger', async () => {
    const sub = await subscribe();
    // 49000 a month → 480000 a year (40000 a month): lower, so at the period end.
    const response = await change(sub, { changes: [{ action: 'update', itemKey: 'seat', unitPriceMinor: 48000, billingIntervalMonths: 12 }] });
    expect(opened(response)).toEqual([['seat', 10, '2026-03-20']]);
  });

  it('refuses a change that raises one item and lowers another without a date, and a date with a policy', async () => {
    const sub = await subscribe([{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }, { itemKey: 'addon', quantity: 1, unitPriceMinor: 1000 }]);
    const mixed = await change(sub, { changes: [{ action: 'update', itemKey: 'seat', quantity: 11 }, { action: 'remove', itemKey: 'addon' }] });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json()).toMatchObject({ code: 'business_rule_violated', errors: [{ field: 'body.effectiveDate', message: expect.stringContaining('raises') }] });
    const both = await change(sub, { effectiveDate: '2026-03-15', downgrade: 'immediately', changes: [{ action: 'update', itemKey: 'seat', quantity: 9 }] });
    expect(both.statusCode).toBe(400);
    expect(JSON.stringify(both.json())).toMatch(/body.downgrade/);
    const dated = await change(sub, { effectiveDate: '2026-03-15', changes: [{ action: 'update', itemKey: 'seat', quantity: 9 }] });
    expect(opened(dated)).toContainEqual(['seat', 9, '2026-03-15']);
  });
});
