import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { cancelSubscription, changeSubscriptionItems, createSubscription, pauseSubscription } from '../billing/index.ts';
import { createAccount, updateAccount } from '../crm/index.ts';
import { inTransaction } from '../shared/context.ts';
import { bridgeMonths, buildMatrix, computeMetric, getMrrStore, movementRows, toReportRequest, type MovementRow } from './index.ts';
import type { MetricResult } from './metric-types.ts';
import { withRequestMemo } from './request-memo.ts';
import { insertSyntheticBook, syntheticStore } from './test-fixtures/synthetic-book.ts';

describe('the cached MRR store', () => {
  let t: TestContext;
  let accountId: string;
  let subscriptionId: string;
  const marchMrr = async () => ((await computeMetric(t.ctx, 'mrr-movements', { from: '2024-03', to: '2024-03', segment: 'segment' })) as MovementRow[])
    .map((row) => [row.segment, row.mrrEndMinor]);
  beforeAll(async () => {
    t = await createTestContext();
    accountId = (await createAccount(t.ctx, { name: 'Cached', segment: 'smb', currency: 'EUR' })).id;
    subscriptionId = (await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 2, unitPriceMinor: 1_000 }] })).id;
  });
  afterAll(() => t.close());

  it('is loaded once and reused while nothing changes', async () => {
    const first = await getMrrStore(t.ctx);
    expect(await getMrrStore(t.ctx)).toBe(first);
    expect(first.spans.count).toBe(1);
  });

  it('is reloaded after every kind of write the figures depend on', async () => {
    expect(await marchMrr()).toEqual([['smb', 2_000]]);
    const before = await getMrrStore(t.ctx);
    await changeSubscriptionItems(t.ctx, { id: subscriptionId, effectiveDate: '2024-03-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 3 }] });
    expect(await marchMrr()).toEqual([['smb', 3_000]]);
    expect(await getMrrStore(t.ctx)).not.toBe(before);
    await updateAccount(t.ctx, { id: accountId, expectedVersion: 1, changes: { segment: 'mid' } });
    expect(await marchMrr()).toEqual([['mid', 3_000]]);
    await pauseSubscription(t.ctx, { id: subscriptionId, pauseDate: '2024-03-10' });
    expect(await marchMrr()).toEqual([['mid', 0]]);
    const other = (await createAccount(t.ctx, { name: 'Second', segment: 'smb', currency: 'EUR' })).id;
    const second = await createSubscription(t.ctx, { accountId: other, currency: 'EUR', startDate: '2024-02-01', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 500 }] });
    expect(await marchMrr()).toEqual([['mid', 0], ['smb', 500]]);
    await cancelSubscription(t.ctx, { id: second.id, cancelDate: '2024-03-15' });
    expect(await marchMrr()).toEqual([['mid', 0], ['smb', 0]]);
  });

  it('reads the data version once per batch request for all its MRR metrics, and again for the next batch', async () => {
    let versionReads = 0;
    const counting: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (JSON.stringify(node, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)).includes('concat_ws')) versionReads += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const ctx = { ...t.ctx, db: t.ctx.db.withPlugin(counting) };
    const report = { from: '2024-01', to: '2024-03' };
    await getMrrStore(ctx); // this handle's store, loaded
    versionReads = 0;
    await Promise.all(['mrr', 'arr', 'customers', 'arpa', 'nrr'].map((name) => computeMetric(withRequestMemo(ctx), name, report)));
    expect(versionReads).toBe(5); // five requests
    const batch = withRequestMemo(ctx);
    await Promise.all(['mrr', 'arr', 'customers', 'arpa', 'nrr'].map((name) => computeMetric(batch, name, report)));
    expect(versionReads).toBe(6); // one batch
    const marchBefore = ((await computeMetric(batch, 'mrr', report)) as MetricResult).series.at(-1)?.value;
    await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'addon', quantity: 1, unitPriceMinor: 900 }] });
    // The next batch reads the version again and sees the change (the refresh reads it too, in its own snapshot).
    const marchAfter = ((await computeMetric(withRequestMemo(ctx), 'mrr', report)) as MetricResult).series.at(-1)?.value;
    expect(marchAfter).not.toBe(marchBefore);
    const afterRefresh = versionReads;
    await Promise.all(['mrr', 'arr', 'customers', 'arpa', 'nrr'].map((name) => computeMetric(withRequestMemo(ctx), name, report)));
    expect(versionReads - afterRefresh).toBe(5);
    const last = withRequestMemo(ctx);
    await Promise.all(['mrr', 'arr', 'customers', 'arpa', 'nrr'].map((name) => computeMetric(last, name, report)));
    expect(versionReads - afterRefresh).toBe(6);
  });

  it('inside a transaction reads that transaction, not the cache', async () => {
    const cached = await getMrrStore(t.ctx);
    await inTransaction(t.ctx, async (tx) => {
      await createSubscription(tx, { accountId, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'extra', quantity: 1, unitPriceMinor: 700 }] });
      const inside = await getMrrStore(tx);
      expect(inside).not.toBe(cached);
      expect(inside.subscriptions.ids.length).toBe(cached.subscriptions.ids.length + 1);
    });
  });
});

describe('loading from the database', () => {
  it('gives the same figures as the same book built in memory (bench book, 300 customers)', async () => {
    const t = await createTestContext();
    try {
      await insertSyntheticBook(t.ctx.db, 300);
      const request = toReportRequest({ from: '2019-01', to: '2025-06', segment: 'segment' });
      const fromMemory = movementRows(buildMatrix(syntheticStore(300), bridgeMonths(request), 'segment', null), request);
      expect(await computeMetric(t.ctx, 'mrr-movements', { from: '2019-01', to: '2025-06', segment: 'segment' })).toEqual(fromMemory);
      expect(fromMemory.reduce((sum, row) => sum + row.churnMinor + row.newMinor, 0)).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
