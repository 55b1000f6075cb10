import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { changeSubscriptionItems, createSubscription } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { bridgeMonths, buildMatrix, computeMetric, getMrrStore, movementRows, toReportRequest, type MovementRow, type MrrStore } from './index.ts';
import { loadMrrStore } from './load-mrr-store.ts';
import { decodeMrrStore, encodeMrrStore } from './mrr-store-snapshot.ts';
import { metricsDb } from './read-model.ts';
import { syntheticStore } from './test-fixtures/synthetic-book.ts';

const QUERY = { from: '2024-01', to: '2024-06', segment: 'segment' as const };
const reportOf = (store: MrrStore) => {
  const request = toReportRequest(QUERY);
  return movementRows(buildMatrix(store, bridgeMonths(request), request.breakdown, null), request);
};
const columnsOf = (store: MrrStore) => ({
  ...store, derived: null,
  accounts: { ...store.accounts, attributes: { segment: [...store.accounts.attributes.segment], country: [...store.accounts.attributes.country], industry: [...store.accounts.attributes.industry] } },
  subscriptions: { ...store.subscriptions, account: [...store.subscriptions.account], currency: [...store.subscriptions.currency], plan: [...store.subscriptions.plan] },
  spans: { count: store.spans.count, subscription: [...store.spans.subscription], fromMonth: [...store.spans.fromMonth], toMonth: [...store.spans.toMonth], mrrMinor: [...store.spans.mrrMinor] },
});

describe('the MRR store snapshot (bytes)', () => {
  const store = syntheticStore(200);

  it('gives back exactly the store it was made from', async () => {
    const { payload, sha256 } = await encodeMrrStore(store);
    const back = await decodeMrrStore(payload, sha256, 'synthetic');
    expect(back).not.toBeNull();
    expect(columnsOf(back as MrrStore)).toEqual(columnsOf(store));
    expect(reportOf(back as MrrStore)).toEqual(reportOf(store));
  });

  it('is refused when stale, corrupt, truncated or out of shape', async () => {
    const { payload, sha256 } = await encodeMrrStore(store);
    expect(await decodeMrrStore(payload, sha256, 'another version')).toBeNull();
    const flipped = payload.slice();
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    expect(await decodeMrrStore(flipped, sha256, 'synthetic')).toBeNull();
    expect(await decodeMrrStore(payload.slice(0, payload.length - 10), sha256, 'synthetic')).toBeNull();
    expect(await decodeMrrStore(payload, '0'.repeat(64), 'synthetic')).toBeNull();
    // A well-formed snapshot (right checksum) whose columns point outside the store is still refused.
    const broken = { ...store, spans: { ...store.spans, subscription: store.spans.subscription.map((s, i) => (i === 0 ? 10_000_000 : s)) } };
    const encoded = await encodeMrrStore(broken);
    expect(await decodeMrrStore(encoded.payload, encoded.sha256, 'synthetic')).toBeNull();
  });
});

describe('restoring the MRR store after a restart', () => {
  let t: TestContext;
  let subscriptionId: string;
  // A restart: a new database handle (the in-process cache is per handle) on the same data.
  const restarted = (): Ctx => ({ ...t.ctx, db: t.ctx.db.withoutPlugins() });
  const movements = async (ctx: Ctx) => (await computeMetric(ctx, 'mrr-movements', QUERY)) as MovementRow[];
  const savedVersion = async () => (await metricsDb(t.ctx).selectFrom('mrr_store_snapshots').select('data_version').executeTakeFirst())?.data_version;
  beforeAll(async () => {
    t = await createTestContext();
    const accountId = (await createAccount(t.ctx, { name: 'Snap', segment: 'smb', currency: 'EUR' })).id;
    subscriptionId = (await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 2, unitPriceMinor: 1_000 }] })).id;
  });
  afterAll(() => t.close());

  it('saves the store it builds and reads it back on the next start while the data is unchanged', async () => {
    const built = await getMrrStore(t.ctx);
    expect(built.origin).toBeUndefined();
    expect(await savedVersion()).toBe(built.dataVersion);
    const ctx = restarted();
    const restored = await getMrrStore(ctx);
    expect(restored.origin).toBe('snapshot');
    expect(await movements(ctx)).toEqual(await movements(t.ctx));
    expect((await movements(ctx)).at(-1)?.mrrEndMinor).toBe(2_000);
  });

  it('refreshes an older snapshot when the data changed since it, and saves it again only when due', async () => {
    const saved = (await getMrrStore(t.ctx)).dataVersion;
    await changeSubscriptionItems(t.ctx, { id: subscriptionId, effectiveDate: '2024-03-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 5 }] });
    const ctx = restarted();
    const store = await getMrrStore(ctx);
    expect(store.origin).toBe('refreshed');
    expect((await movements(ctx)).at(-1)?.mrrEndMinor).toBe(5_000);
    expect(await movements(ctx)).toEqual(reportOf(await loadMrrStore(metricsDb(t.ctx))));
    // Saved a moment ago and one version behind: not due (SNAPSHOT_RULE), the older snapshot stays.
    expect(await savedVersion()).toBe(saved);
    t.clock.advance({ minutes: 10 });
    await changeSubscriptionItems(t.ctx, { id: subscriptionId, effectiveDate: '2024-04-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 6 }] });
    const later = await getMrrStore(ctx);
    expect(later.origin).toBe('refreshed');
    expect(await savedVersion()).toBe(later.dataVersion);
  });

  it('rebuilds when the snapshot is corrupt or was made by other span rules, with the right figures', async () => {
    const expected = await movements(t.ctx);
    await sql`update mrr_store_snapshots set payload = decode('1f8b0800', 'hex')`.execute(t.ctx.db);
    const afterCorruption = restarted();
    expect((await getMrrStore(afterCorruption)).origin).toBeUndefined();
    expect(await movements(afterCorruption)).toEqual(expected);
    await sql`update mrr_store_snapshots set rules_stamp = 'format 1, rules 0000000000000000'`.execute(t.ctx.db);
    const afterRulesChange = restarted();
    expect((await getMrrStore(afterRulesChange)).origin).toBeUndefined();
    expect(await movements(afterRulesChange)).toEqual(expected);
    expect((await getMrrStore(restarted())).origin).toBe('snapshot');
  });
});

describe('the packed page loader', () => {
  it('reads free text holding its separators exactly (those pages are read row by row), across page boundaries', async () => {
    const t = await createTestContext();
    try {
      const odd = 'a\u001fb\u001ec';
      for (const [index, segment] of [odd, 'mid', null, 'mid'].entries()) {
        const accountId = (await createAccount(t.ctx, { name: `Text ${index}`, ...(segment === null ? {} : { segment }), currency: 'EUR' })).id;
        await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: index + 1, unitPriceMinor: 100 }] });
      }
      const paged = await loadMrrStore(metricsDb(t.ctx), null, { subscriptions: 1, items: 2 });
      const whole = await loadMrrStore(metricsDb(t.ctx), null, { subscriptions: 100, items: 100 });
      expect(columnsOf(paged)).toEqual(columnsOf(whole));
      expect(whole.accounts.values.segment).toEqual([odd, 'mid', null]);
      expect(whole.spans.count).toBe(4);
      expect([...whole.spans.mrrMinor].sort()).toEqual([100, 200, 300, 400]);
    } finally {
      await t.close();
    }
  });
});
