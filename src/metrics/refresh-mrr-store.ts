import { sql } from 'kysely';
import { partsOf, type DataVersionParts } from './data-version-parts.ts';
import { readHistoryMarks } from './history-marks.ts';
import { forEachRecurringItem, forEachSubscription, PAGE_SIZES, type SubscriptionRow } from './load-mrr-rows.ts';
import type { PaidWindow } from './mrr-spans.ts';
import type { MrrStore, MrrStoreSources } from './mrr-store.ts';
import { patchMrrStore } from './patch-mrr-store.ts';
import type { MetricsDb } from './read-model.ts';
import { addSubscriptionRow, createSourcedBuilder, loadPauses, spansOfItem, windowOf, type ItemSpan } from './sourced-store-builder.ts';

/**
 * Incremental refresh of the MRR store (docs/metrics.md "How it is computed"): from an earlier
 * store and the current data, reload only the subscriptions that changed and give the store a full
 * build would give — the same columns in the same order, because both feed the same builder in the
 * same order (subscriptions in id order as the database sorts them, spans in item version id order).
 *
 * A subscription is reloaded when its version differs from the store's (billing bumps it on every
 * write to the subscription, its items or its pauses), when it is new, when an item or pause was
 * inserted for it since the store (ids above the store's highest), or when its account's version
 * differs (crm bumps it on every change; segment, country and industry come from the account). One
 * that is gone is dropped. Everything is read in the caller's repeatable-read snapshot, the one the
 * data version was read in. Null — the caller then builds in full — when the store has no sources,
 * the change is large (more than REFRESH_LIMIT), or any check does not line up.
 *
 * The common case — the same subscriptions, a few changed — is patched instead (patch-mrr-store.ts:
 * changes found from the history tables, columns patched in place of a rebuild); what follows here,
 * listing every version and feeding every subscription and span through the builder again, is the
 * general path for everything the patch declines (new or deleted subscriptions or accounts, moves,
 * a store restored from a snapshot, which carries no history marks).
 */
export const REFRESH_LIMIT = { subscriptions: 1_000, share: 0.2 };

type Listed = { subscriptions: Array<[string, number]>; accounts: Map<string, number> };
/** `path`: 'patched' when patch-mrr-store.ts made it, 'rebuilt' when the builder did. */
export type Refreshed = { store: MrrStore; changedSubscriptions: number; path: 'patched' | 'rebuilt' };

export async function refreshMrrStore(db: MetricsDb, previous: MrrStore, version: string): Promise<Refreshed | null> {
  const sources = previous.sources;
  const before = partsOf(previous.dataVersion);
  const now = partsOf(version);
  if (!sources || !before || !now) return null;
  const limit = Math.max(REFRESH_LIMIT.subscriptions, now.subscriptions * REFRESH_LIMIT.share);
  const patched = await patchMrrStore(db, previous, version, limit);
  if (patched) return { ...patched, path: 'patched' };
  const listed = await listVersions(db);
  // Guard: the lists were read in the data version's snapshot; they must agree with it.
  if (!listed || listed.subscriptions.length !== now.subscriptions || sumOf(listed.subscriptions) !== now.versionSum) return null;
  const previousIndex = new Map(previous.subscriptions.ids.map((id, i) => [id, i]));
  const changed = await changedSubscriptions(db, previous, sources, listed, before, previousIndex);
  if (changed.size > limit) return null;
  const store = await rebuildChanged(db, previous, sources, listed, [...changed], version, previousIndex);
  if (!store) return null;
  store.origin = 'refreshed';
  if (store.sources) store.sources.historyMarks = await readHistoryMarks(db);
  return { store, changedSubscriptions: changed.size, path: 'rebuilt' };
}

const sumOf = (list: Array<[string, number]>) => list.reduce((sum, [, version]) => sum + BigInt(version), 0n);

/** Every subscription's (id, version) in id order and every account's version: one packed text each (see load-mrr-rows.ts). */
async function listVersions(db: MetricsDb): Promise<Listed | null> {
  const { rows } = await sql<{ subscriptions: string | null; accounts: string | null; unsafe: boolean | null }>`
    select (select string_agg(id || chr(31) || version, chr(30) order by id) from subscriptions) as subscriptions,
      (select string_agg(id || chr(31) || version, chr(30)) from accounts) as accounts,
      (select bool_or(strpos(id, chr(30)) > 0 or strpos(id, chr(31)) > 0) from (select id from subscriptions union all select id from accounts) ids) as unsafe`.execute(db);
  const row = rows[0];
  // Ids holding a separator cannot be split here: the full build reads those row by row.
  if (!row || row.unsafe === true) return null;
  const split = (packed: string | null) => (packed === null ? [] : packed.split('\u001e').map((pair): [string, number] => {
    const [id = '', version = ''] = pair.split('\u001f');
    return [id, Number(version)];
  }));
  return { subscriptions: split(row.subscriptions), accounts: new Map(split(row.accounts)) };
}

async function changedSubscriptions(db: MetricsDb, previous: MrrStore, sources: MrrStoreSources, listed: Listed, before: DataVersionParts, index: Map<string, number>): Promise<Set<string>> {
  const changed = new Set<string>();
  for (const [id, version] of listed.subscriptions) {
    const at = index.get(id);
    if (at === undefined || sources.subscriptionVersions[at] !== version) changed.add(id);
  }
  const changedAccounts = previous.accounts.ids.map((id, a) => listed.accounts.get(id) !== sources.accountVersions[a]);
  previous.subscriptions.ids.forEach((id, i) => {
    if (changedAccounts[previous.subscriptions.account[i] ?? -1] === true) changed.add(id);
  });
  const inserted = await sql<{ subscription_id: string }>`
    select subscription_id from subscription_items where id > ${before.maxItemId}
    union select subscription_id from subscription_pauses where id > ${before.maxPauseId}`.execute(db);
  for (const row of inserted.rows) changed.add(row.subscription_id);
  return changed;
}

/** The store with the changed subscriptions read again and every other one copied from `previous`. */
async function rebuildChanged(
  db: MetricsDb, previous: MrrStore, sources: MrrStoreSources, listed: Listed, changed: string[], version: string, previousIndex: Map<string, number>,
): Promise<MrrStore | null> {
  const rows = new Map<string, SubscriptionRow>();
  await forEachSubscription(db, null, PAGE_SIZES.subscriptions, (row) => rows.set(row.id, row), changed);
  const pauses = await loadPauses(db, null, changed);
  const builder = createSourcedBuilder();
  const newIndexOf = new Int32Array(previous.subscriptions.ids.length).fill(-1);
  const slots = new Map<string, { index: number; window: PaidWindow | null }>();
  const { accounts, subscriptions } = previous;
  for (const [id] of listed.subscriptions) {
    const row = rows.get(id);
    if (row) {
      slots.set(id, { index: addSubscriptionRow(builder, row), window: windowOf(row, pauses) });
      continue;
    }
    const at = previousIndex.get(id);
    // Guard: a subscription neither reloaded nor in the earlier store means the change set missed it.
    if (at === undefined) return null;
    const account = subscriptions.account[at] ?? -1;
    const accountId = accounts.ids[account];
    if (accountId === undefined) return null;
    const attributes = {
      segment: accounts.values.segment[accounts.attributes.segment[account] ?? -1] ?? null,
      country: accounts.values.country[accounts.attributes.country[account] ?? -1] ?? null,
      industry: accounts.values.industry[accounts.attributes.industry[account] ?? -1] ?? null,
    };
    newIndexOf[at] = builder.addSubscription(id, accountId, attributes, sources.accountVersions[account] ?? 0, previous.currencies[subscriptions.currency[at] ?? -1] ?? '',
      previous.plans[subscriptions.plan[at] ?? -1] ?? null, sources.subscriptionVersions[at] ?? 0);
  }
  const fresh: Array<ItemSpan & { subscription: number }> = [];
  let orphan = false;
  await forEachRecurringItem(db, null, PAGE_SIZES.items, (row) => {
    const slot = slots.get(row.subscription_id);
    if (!slot) orphan = true;
    else for (const span of spansOfItem(slot.window, row)) fresh.push({ ...span, subscription: slot.index });
  }, changed);
  // Guard: an item of a subscription not reloaded would be lost.
  if (orphan || !mergeSpans(builder, previous, sources, newIndexOf, fresh)) return null;
  return builder.finish(version);
}

/** The kept spans and the reloaded ones, merged in item version id order (the full build's order); false when two claim one item. */
function mergeSpans(builder: ReturnType<typeof createSourcedBuilder>, previous: MrrStore, sources: MrrStoreSources, newIndexOf: Int32Array, fresh: Array<ItemSpan & { subscription: number }>): boolean {
  const { spans } = previous;
  let next = 0;
  for (let i = 0; i < spans.count; i += 1) {
    const subscription = newIndexOf[spans.subscription[i] ?? -1] ?? -1;
    if (subscription < 0) continue;
    const itemId = sources.spanItemIds[i] ?? 0;
    for (let span = fresh[next]; span !== undefined && span.itemId <= itemId; span = fresh[++next]) {
      if (span.itemId === itemId) return false;
      builder.addSpan(span.subscription, span.itemId, span.fromMonth, span.toMonth, span.mrrMinor);
    }
    builder.addSpan(subscription, itemId, spans.fromMonth[i] ?? 0, spans.toMonth[i] ?? 0, spans.mrrMinor[i] ?? 0);
  }
  for (let span = fresh[next]; span !== undefined; span = fresh[++next]) builder.addSpan(span.subscription, span.itemId, span.fromMonth, span.toMonth, span.mrrMinor);
  return true;
}
