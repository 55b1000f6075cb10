import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { readHistoryMarks } from './history-marks.ts';
import type { PaidWindow } from './mrr-spans.ts';
import type { MrrStore } from './mrr-store.ts';
import { addSubscriptionRow, createSourcedBuilder, loadPauses, spansOfItem, windowOf } from './sourced-store-builder.ts';
import { forEachRecurringItem, forEachSubscription, PAGE_SIZES, type PageSizes } from './load-mrr-rows.ts';
import { isSnapshotDue, restoreMrrStore, saveMrrSnapshot } from './mrr-snapshot-repo.ts';
import { refreshMrrStore } from './refresh-mrr-store.ts';
import { memoInRequest } from './request-memo.ts';
import { asMetricsDb, metricsDb, type MetricsDb } from './read-model.ts';


type CacheEntry = { version: string; store: Promise<MrrStore> };
/** One store per database handle; a handle that is gone takes its store with it. */
const cache = new WeakMap<object, CacheEntry>();

/**
 * The MRR store for this database, loaded once and reused while the data version is unchanged.
 *
 * Data version: counts and version sums of subscriptions and accounts, plus the highest item and
 * pause ids. Billing bumps a subscription's version on every write that touches its items or
 * pauses (subscription-repo.ts updateSubscriptionRow; creation inserts a row), crm and quality
 * bump an account's version on every change, and rows are never deleted — so any committed change
 * moves this value. Writes that bypass the services (hand-written SQL) are not seen: bump a
 * version (or delete the saved snapshot and restart). The version is read in the same repeatable-read snapshot as the data.
 */
export async function getMrrStore(ctx: Ctx): Promise<MrrStore> {
  if (ctx.db.isTransaction) return loadMrrStore(metricsDb(ctx));
  // Read once per batch request (request-memo.ts), not once per metric: the dashboard's start-up
  // batch has about ten MRR metrics, each of which read it (issue #7). The batch's figures then
  // come from one store, as its other loads are read once.
  const version = await memoInRequest(ctx, ['mrr-data-version'], () => dataVersionOf(metricsDb(ctx)));
  const entry = cache.get(ctx.db);
  if (entry && entry.version === version) return entry.store;
  const previous = entry ? entry.store.catch(() => null) : Promise.resolve(null);
  const fresh: CacheEntry = { version, store: refreshRestoreOrBuild(ctx, previous) };
  cache.set(ctx.db, fresh);
  try {
    const store = await fresh.store;
    fresh.version = store.dataVersion;
    return store;
  } catch (error) {
    if (cache.get(ctx.db) === fresh) cache.delete(ctx.db);
    throw error;
  }
}

/**
 * The store for the current data version, in one repeatable-read snapshot (so the version and
 * what it stamps agree), cheapest way first: the earlier store in memory refreshed incrementally
 * (refresh-mrr-store.ts); else the saved snapshot (a restart, or another process that loaded it
 * first) — as it is when its stamp is the current version, refreshed when older; else built from
 * the rows. A built store is saved for the next start; a refreshed one when isSnapshotDue says so.
 */
async function refreshRestoreOrBuild(ctx: Ctx, previousStore: Promise<MrrStore | null>): Promise<MrrStore> {
  const previous = await previousStore;
  const { store, save } = await ctx.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const db = asMetricsDb(trx);
    const version = await dataVersionOf(db);
    const fromMemory = previous && (await refreshMrrStore(db, previous, version));
    if (fromMemory) return { store: fromMemory.store, save: 'when due' as const };
    // With an earlier store in memory that could not be refreshed, an older snapshot could not be either: only an exact one helps.
    const restored = await restoreMrrStore(db, previous ? version : null);
    if (restored && restored.dataVersion === version) return { store: restored, save: 'no' as const };
    const fromSnapshot = restored && !previous && (await refreshMrrStore(db, restored, version));
    if (fromSnapshot) return { store: fromSnapshot.store, save: 'when due' as const };
    return { store: await buildMrrStore(db, version, null, PAGE_SIZES), save: 'yes' as const };
  });
  if (save === 'yes' || (save === 'when due' && (await isSnapshotDue(ctx, store.dataVersion)))) await saveMrrSnapshot(ctx, store);
  return store;
}

/** The data version the MRR store is keyed by (see getMrrStore). */
export async function readDataVersion(ctx: Ctx): Promise<string> {
  return dataVersionOf(metricsDb(ctx));
}

async function dataVersionOf(db: MetricsDb): Promise<string> {
  const result = await sql<{ version: string }>`
    select concat_ws(':',
      (select count(*) from subscriptions), (select coalesce(sum(version), 0) from subscriptions),
      (select coalesce(max(id), 0) from subscription_items), (select coalesce(max(id), 0) from subscription_pauses),
      (select count(*) from accounts), (select coalesce(sum(version), 0) from accounts)) as version`.execute(db);
  const row = result.rows[0];
  assert(row, 'the data-version query returned no row');
  return row.version;
}

/**
 * The MRR store as the data stood at the instant asOf (docs/metrics.md "As of"): read from the
 * tables' transaction-time history, never cached (each instant is its own store). Same snapshot
 * rules as getMrrStore.
 */
export async function getMrrStoreAsOf(ctx: Ctx, asOf: Date): Promise<MrrStore> {
  if (ctx.db.isTransaction) return loadMrrStore(metricsDb(ctx), asOf);
  return ctx.db.transaction().setIsolationLevel('repeatable read').execute((trx) => loadMrrStore(asMetricsDb(trx), asOf));
}

/**
 * Reads subscriptions, pauses and recurring item versions in pages and compiles them into spans;
 * with asOf, the rows as they stood at that instant (as-of-tables.ts).
 */
export async function loadMrrStore(db: MetricsDb, asOf: Date | null = null, pageSizes: PageSizes = PAGE_SIZES): Promise<MrrStore> {
  return buildMrrStore(db, await dataVersionOf(db), asOf, pageSizes);
}

async function buildMrrStore(db: MetricsDb, version: string, asOf: Date | null, pageSizes: PageSizes): Promise<MrrStore> {
  const builder = createSourcedBuilder();
  const pauses = await loadPauses(db, asOf);
  const windows = new Map<string, { index: number; window: PaidWindow | null }>();
  await forEachSubscription(db, asOf, pageSizes.subscriptions, (row) => {
    windows.set(row.id, { index: addSubscriptionRow(builder, row), window: windowOf(row, pauses) });
  });
  await forEachRecurringItem(db, asOf, pageSizes.items, (row) => {
    const slot = windows.get(row.subscription_id);
    assert(slot, `item ${row.id} belongs to subscription ${row.subscription_id}, which the same snapshot does not have`);
    for (const span of spansOfItem(slot.window, row)) builder.addSpan(slot.index, span.itemId, span.fromMonth, span.toMonth, span.mrrMinor);
  });
  if (asOf !== null) return builder.finish(`${version}@${asOf.toISOString()}`);
  const store = builder.finish(version);
  // Read in the same snapshot as the rows: the next refresh finds what changed above them (patch-mrr-store.ts).
  if (store.sources) store.sources.historyMarks = await readHistoryMarks(db);
  return store;
}
