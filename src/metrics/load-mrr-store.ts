import { sql } from 'kysely';
import type { SubscriptionPause } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { monthOfDate, OPEN_MONTH } from './month-numbers.ts';
import { paidWindow, versionSpans, type PaidWindow } from './mrr-spans.ts';
import { createStoreBuilder, type MrrStore, type StoreBuilder } from './mrr-store.ts';
import { tableAsOf } from './as-of-tables.ts';
import { forEachRecurringItem, forEachSubscription, PAGE_SIZES, type PageSizes } from './load-mrr-rows.ts';
import { restoreMrrStore, saveMrrSnapshot } from './mrr-snapshot-repo.ts';
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
  const version = await dataVersionOf(metricsDb(ctx));
  const entry = cache.get(ctx.db);
  if (entry && entry.version === version) return entry.store;
  const fresh: CacheEntry = { version, store: restoreOrBuild(ctx) };
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
 * The saved snapshot when it was built from the current data version (a restart, or another
 * process that loaded it first), else the store built from the rows — then saved for the next
 * start. Both in one repeatable-read snapshot, so the version and what it stamps agree.
 */
async function restoreOrBuild(ctx: Ctx): Promise<MrrStore> {
  const { store, built } = await ctx.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const db = asMetricsDb(trx);
    const version = await dataVersionOf(db);
    const restored = await restoreMrrStore(db, version);
    return restored ? { store: restored, built: false } : { store: await buildMrrStore(db, version, null, PAGE_SIZES), built: true };
  });
  if (built) await saveMrrSnapshot(ctx, store);
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
  const builder = createStoreBuilder();
  const windows = await loadSubscriptions(db, builder, await loadPauses(db, asOf), asOf, pageSizes.subscriptions);
  await loadItemSpans(db, builder, windows, asOf, pageSizes.items);
  return builder.finish(asOf === null ? version : `${version}@${asOf.toISOString()}`);
}

async function loadPauses(db: MetricsDb, asOf: Date | null): Promise<Map<string, SubscriptionPause[]>> {
  const rows = await db.selectFrom(tableAsOf('subscription_pauses', asOf).as('p')).select(['p.subscription_id', 'p.start_date', 'p.end_date']).execute();
  const pauses = new Map<string, SubscriptionPause[]>();
  for (const row of rows) {
    const list = pauses.get(row.subscription_id) ?? [];
    list.push({ startDate: row.start_date, endDate: row.end_date });
    pauses.set(row.subscription_id, list);
  }
  return pauses;
}

type SubscriptionSlot = { index: number; window: PaidWindow | null };

async function loadSubscriptions(db: MetricsDb, builder: StoreBuilder, pauses: Map<string, SubscriptionPause[]>, asOf: Date | null, pageSize: number): Promise<Map<string, SubscriptionSlot>> {
  const slots = new Map<string, SubscriptionSlot>();
  await forEachSubscription(db, asOf, pageSize, (row) => {
    const account = builder.addAccount(row.account_id, { segment: row.segment, country: row.country, industry: row.industry });
    const index = builder.addSubscription(row.id, account, row.currency, row.plan_label);
    const subject = { status: row.status, startDate: row.start_date, endDate: row.end_date, trialEndDate: row.trial_end_date, pauses: pauses.get(row.id) ?? [] };
    slots.set(row.id, { index, window: paidWindow(subject) });
  });
  return slots;
}

async function loadItemSpans(db: MetricsDb, builder: StoreBuilder, slots: Map<string, SubscriptionSlot>, asOf: Date | null, pageSize: number): Promise<void> {
  await forEachRecurringItem(db, asOf, pageSize, (row) => {
    const slot = slots.get(row.subscription_id);
    assert(slot, `item ${row.id} belongs to subscription ${row.subscription_id}, which the same snapshot does not have`);
    const terms = {
      description: null, kind: 'recurring' as const, quantity: row.quantity, unitPriceMinor: row.unit_price_minor, unitPriceDecimal: null,
      discountBps: row.discount_bps, amountMinor: row.amount_minor, billingIntervalMonths: row.billing_interval_months as 1 | 3 | 12 | 24 | 36 | null, timing: 'in_advance' as const,
      effectiveFromDate: row.effective_from_date, effectiveToDate: row.effective_to_date,
    };
    for (const span of versionSpans(slot.window, terms)) {
      // Guard: an amount beyond 2^53 minor units cannot be held exactly in the Float64 columns.
      assert(span.mrrMinor <= BigInt(Number.MAX_SAFE_INTEGER), `item ${row.id}: MRR ${span.mrrMinor} is beyond exact float arithmetic`);
      builder.addSpan(slot.index, monthOfDate(span.fromDate), span.toDate === null ? OPEN_MONTH : monthOfDate(span.toDate), Number(span.mrrMinor));
    }
  });
}
