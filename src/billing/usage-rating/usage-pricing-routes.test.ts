import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { makeAccount } from '../fixtures.ts';

describe('usage pricing through the API', () => {
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-02-10T06:00:00Z' });
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  it('creates, shows and changes a usage item\'s pricing; the same pricing again changes nothing; bad tiers name the field', async () => {
    const tiers = [{ upTo: 1000, unitAmount: '0.01' }, { upTo: null, unitAmount: '0.005' }];
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate: '2026-02-01', items: [
      { itemKey: 'calls', kind: 'usage', quantity: 1, usage: { aggregation: 'sum', model: 'graduated', tiers, minimumMinor: 1000 } },
    ] } });
    expect(created.statusCode).toBe(201);
    const sub = created.json() as { id: string; version: number; itemVersions: Array<{ usagePricing?: unknown; unitPrice: unknown }> };
    expect(sub.itemVersions[0]).toMatchObject({ usagePricing: { aggregation: 'sum', model: 'graduated', tiers, minimumMinor: 1000 }, unitPrice: { amountMinor: 0, currency: 'USD' } });
    const same = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, payload: { version: sub.version, effectiveDate: '2026-02-15', changes: [{ action: 'update', itemKey: 'calls', usage: { model: 'graduated', aggregation: 'sum', minimumMinor: 1000, tiers } }] } });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ errors: [{ field: 'body.changes.0.itemKey', message: 'the update of calls changes nothing' }] });
    const changed = await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, payload: { version: sub.version, effectiveDate: '2026-02-15', changes: [{ action: 'update', itemKey: 'calls', usage: { aggregation: 'max', model: 'package', packageSize: 100, packageAmount: '1.00' } }] } });
    expect(changed.statusCode).toBe(200);
    expect((changed.json() as { itemVersions: Array<{ usagePricing?: unknown; effectiveFromDate: string }> }).itemVersions.map((version) => [version.effectiveFromDate, version.usagePricing])).toEqual([
      ['2026-02-01', { aggregation: 'sum', model: 'graduated', tiers, minimumMinor: 1000 }],
      ['2026-02-15', { aggregation: 'max', model: 'package', packageSize: 100, packageAmount: '1.00' }],
    ]);
    const post = (usage: unknown) => t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'USD', startDate: '2026-02-01', items: [{ itemKey: 'calls', kind: 'usage', quantity: 1, usage }] } });
    const fields = async (usage: unknown) => {
      const response = await post(usage);
      expect(response.statusCode).toBe(400);
      return (response.json() as { errors: Array<{ field: string; message: string }> }).errors;
    };
    expect(await fields({ aggregation: 'median', model: 'per_unit' })).toMatchObject([{ field: 'body.items.0.usage.aggregation' }]);
    expect(await fields({ aggregation: 'sum', model: 'volume', tiers: [{ upTo: 10, unitAmount: '1' }] })).toMatchObject([{ field: 'body.items.0.usage.tiers', message: expect.stringContaining('only the last has upTo null') }]);
    expect(await fields({ aggregation: 'sum', model: 'package', packageSize: 10 })).toMatchObject([{ field: 'body.items.0.usage.packageAmount' }]);
  });
});
