import { sql } from 'kysely';
import { assert } from '../shared/errors.ts';
import { partsOf, type DataVersionParts } from './data-version-parts.ts';
import { readHistoryMarks } from './history-marks.ts';
import { forEachRecurringItem, forEachSubscription, PAGE_SIZES, type SubscriptionRow } from './load-mrr-rows.ts';
import { ACCOUNT_DIMENSIONS, type AccountAttributes, type AccountDimension, type HistoryMarks, type MrrStore } from './mrr-store.ts';
import type { MetricsDb } from './read-model.ts';
import { carryRowModels } from './snapshot-matrix.ts';
import { loadPauses, spansOfItem, windowOf } from './sourced-store-builder.ts';

/**
 * The cheap case of the incremental refresh (refresh-mrr-store.ts): the same subscriptions as the
 * earlier store, a few of them changed. The store is then patched, not rebuilt — the subscription
 * and account columns are kept as they are (a full build would add the same subscriptions and
 * accounts in the same order), the changed subscriptions' versions and their accounts' attributes
 * overwritten, and their spans spliced with typed-array bulk copies — so the work follows the edit,
 * not the book. The row models built for the earlier store are carried over (snapshot-matrix.ts).
 *
 * What changed is read from the history tables, not by listing every version: the subscriptions
 * with a history row above the store's mark (billing bumps the version with an UPDATE, which the
 * trigger records), with an item or pause inserted since (ids above the data version's), or whose
 * account has a history row above its mark. The version sums are the guard that nothing was missed
 * (a writer still in flight when the mark was read can leave a row below it): the sum of
 * (new − old) over what was reloaded must be the data version's change, for subscriptions and for
 * accounts. Null — the caller then refreshes by listing every version, or builds in full — on
 * anything this cannot patch exactly: a subscription or account added or deleted, a subscription
 * moved to another account, currency or plan, a store without marks, or a guard that does not hold.
 */
export type Patched = { store: MrrStore; changedSubscriptions: number };

type ChangedAccount = { id: string; version: number | null; baseVersion: number };

export async function patchMrrStore(db: MetricsDb, previous: MrrStore, version: string, limit: number): Promise<Patched | null> {
  const sources = previous.sources;
  const marks = sources?.historyMarks;
  const before = partsOf(previous.dataVersion);
  const now = partsOf(version);
  if (!sources || !marks || !before || !now) return null;
  // Guard: an added or deleted row moves the full build's order (subscriptions) or the account sum (accounts) without a history row to find it by.
  if (now.subscriptions !== before.subscriptions || now.accounts !== before.accounts) return null;
  const indexes = indexesOf(previous);
  if (!accountsAddUp(await changedAccounts(db, marks), indexes.accounts, sources.accountVersions, before, now)) return null;
  const changed = await changedSubscriptionIds(db, marks, before, now);
  if (changed.length > limit) return null;
  const rows: SubscriptionRow[] = [];
  await forEachSubscription(db, null, PAGE_SIZES.subscriptions, (row) => rows.push(row), changed);
  // Guard: a changed subscription that is gone was deleted.
  if (rows.length !== changed.length) return null;
  const patch = patchSubscriptions(previous, indexes.subscriptions, rows, now.versionSum - before.versionSum);
  if (!patch) return null;
  const pauses = await loadPauses(db, null, changed);
  const windows = new Map(rows.map((row) => [row.id, { index: patch.index.get(row.id) ?? -1, window: windowOf(row, pauses) }]));
  const fresh: FreshSpans = { subscription: [], itemId: [], fromMonth: [], toMonth: [], mrrMinor: [] };
  await forEachRecurringItem(db, null, PAGE_SIZES.items, (row) => {
    const slot = windows.get(row.subscription_id);
    assert(slot, `item ${row.id} of subscription ${row.subscription_id}, which was not asked for`);
    for (const span of spansOfItem(slot.window, row)) {
      assert(Number.isSafeInteger(span.mrrMinor) && span.mrrMinor >= 0, `span MRR must be a safe non-negative integer, got ${span.mrrMinor}`);
      fresh.subscription.push(slot.index);
      fresh.itemId.push(span.itemId);
      fresh.fromMonth.push(span.fromMonth);
      fresh.toMonth.push(span.toMonth);
      fresh.mrrMinor.push(span.mrrMinor);
    }
  }, changed);
  const spans = spliceSpans(previous, patch.changed, fresh);
  if (!spans) return null;
  const store: MrrStore = {
    dataVersion: version,
    currencies: previous.currencies,
    plans: previous.plans,
    // The id lists and index columns are shared with the earlier store: no store's columns are ever written after finish().
    accounts: { ids: previous.accounts.ids, ...reinternAccounts(previous, patch.attributes) },
    subscriptions: previous.subscriptions,
    spans: spans.columns,
    origin: 'refreshed',
    sources: { subscriptionVersions: patch.subscriptionVersions, accountVersions: patch.accountVersions, spanItemIds: spans.itemIds, historyMarks: await readHistoryMarks(db) },
    derived: new Map(),
  };
  store.derived.set(INDEXES, indexes);
  carryRowModels(previous, store);
  return { store, changedSubscriptions: changed.length };
}

type Indexes = { subscriptions: Map<string, number>; accounts: Map<string, number> };
const INDEXES = 'indexes';

/** Id → index of subscriptions and accounts, built once per store line (carried to each patched store, whose ids are the same). */
function indexesOf(store: MrrStore): Indexes {
  const cached = store.derived.get(INDEXES) as Indexes | undefined;
  if (cached) return cached;
  const indexes = {
    subscriptions: new Map(store.subscriptions.ids.map((id, i) => [id, i])),
    accounts: new Map(store.accounts.ids.map((id, i) => [id, i])),
  };
  store.derived.set(INDEXES, indexes);
  return indexes;
}

/** Accounts with a history row above the mark: the version before the first of them, and now (null: deleted). */
async function changedAccounts(db: MetricsDb, marks: HistoryMarks): Promise<ChangedAccount[]> {
  const { rows } = await sql<{ id: string; version: number | null; base_version: number }>`
    select h.row_id as id, (select a.version from accounts a where a.id = h.row_id) as version, h.base_version from (
      select distinct on (row_id) row_id, (row_data->>'version')::int as base_version from accounts_history
      where history_id > ${marks.accounts.toString()}::bigint order by row_id, history_id) h`.execute(db);
  return rows.map((row) => ({ id: row.id, version: row.version, baseVersion: row.base_version }));
}

/**
 * The guard on accounts: Σ (now − then) over the changed accounts must be the change of the data
 * version's account sum — "then" is the store's version for an account in it, else the version
 * before its first history row above the mark. A change the marks missed makes the sum fall short.
 */
function accountsAddUp(changed: ChangedAccount[], index: Map<string, number>, storeVersions: Int32Array, before: DataVersionParts, now: DataVersionParts): boolean {
  let delta = 0n;
  for (const account of changed) {
    if (account.version === null) return false;
    const at = index.get(account.id);
    delta += BigInt(account.version - (at === undefined ? account.baseVersion : (storeVersions[at] ?? 0)));
  }
  return delta === now.accountVersionSum - before.accountVersionSum;
}

/** Subscriptions with a history row above the mark, an item or pause inserted since the store, or an account changed since. */
async function changedSubscriptionIds(db: MetricsDb, marks: HistoryMarks, before: DataVersionParts, now: DataVersionParts): Promise<string[]> {
  // Bounded id ranges: on a table not analyzed since a bulk load (PGlite never autovacuums) an open
  // `id > x` is guessed at a third of the rows and read by a sequential scan (~0.4 s for a million items).
  const { rows } = await sql<{ id: string }>`
    select row_id as id from subscriptions_history where history_id > ${marks.subscriptions.toString()}::bigint
    union select subscription_id from subscription_items where id between ${(before.maxItemId + 1n).toString()}::bigint and ${now.maxItemId.toString()}::bigint
    union select subscription_id from subscription_pauses where id between ${(before.maxPauseId + 1n).toString()}::bigint and ${now.maxPauseId.toString()}::bigint
    union select s.id from subscriptions s
      where s.account_id = any(array(select row_id from accounts_history where history_id > ${marks.accounts.toString()}::bigint))`.execute(db);
  return rows.map((row) => row.id);
}

type SubscriptionPatch = {
  index: Map<string, number>; changed: Uint8Array; subscriptionVersions: Int32Array; accountVersions: Int32Array; attributes: Map<number, AccountAttributes>;
};

/**
 * The reloaded rows checked against the store and their versions written into copies of its
 * version columns; null when a row is not the same subscription in the same place (new, moved to
 * another account, currency or plan) or the versions do not add up to the data version's change.
 */
function patchSubscriptions(previous: MrrStore, index: Map<string, number>, rows: SubscriptionRow[], versionDelta: bigint): SubscriptionPatch | null {
  const sources = previous.sources;
  if (!sources) return null;
  const { accounts, subscriptions } = previous;
  const patch: SubscriptionPatch = {
    index: new Map(), changed: new Uint8Array(subscriptions.ids.length), subscriptionVersions: sources.subscriptionVersions.slice(),
    accountVersions: sources.accountVersions.slice(), attributes: new Map(),
  };
  let delta = 0n;
  for (const row of rows) {
    const at = index.get(row.id);
    if (at === undefined) return null;
    const account = subscriptions.account[at] ?? -1;
    const same = accounts.ids[account] === row.account_id && previous.currencies[subscriptions.currency[at] ?? -1] === row.currency
      && previous.plans[subscriptions.plan[at] ?? -1] === row.plan_label;
    if (!same) return null;
    delta += BigInt(row.version - (patch.subscriptionVersions[at] ?? 0));
    patch.index.set(row.id, at);
    patch.changed[at] = 1;
    patch.subscriptionVersions[at] = row.version;
    patch.accountVersions[account] = row.account_version;
    const attributes = { segment: row.segment, country: row.country, industry: row.industry };
    if (ACCOUNT_DIMENSIONS.some((dimension) => accounts.values[dimension][accounts.attributes[dimension][account] ?? -1] !== attributes[dimension])) {
      patch.attributes.set(account, attributes);
    }
  }
  return delta === versionDelta ? patch : null;
}

/**
 * The account attribute columns with the changed accounts' values: as they are when none changed,
 * else interned again in account order — a full build interns values in order of first appearance,
 * so a value that moves can reorder the dictionary.
 */
function reinternAccounts(previous: MrrStore, changes: Map<number, AccountAttributes>): Pick<MrrStore['accounts'], 'attributes' | 'values'> {
  const { accounts } = previous;
  if (changes.size === 0) return { attributes: accounts.attributes, values: accounts.values };
  const intern = (dimension: AccountDimension) => {
    const codes = new Int32Array(accounts.ids.length);
    const index = new Map<string | null, number>();
    const values: Array<string | null> = [];
    const oldCodes = accounts.attributes[dimension];
    const oldValues = accounts.values[dimension];
    for (let a = 0; a < codes.length; a += 1) {
      const change = changes.get(a);
      const value = change ? change[dimension] : (oldValues[oldCodes[a] ?? -1] ?? null);
      let code = index.get(value);
      if (code === undefined) {
        code = values.length;
        index.set(value, code);
        values.push(value);
      }
      codes[a] = code;
    }
    return { codes, values };
  };
  const [segment, country, industry] = ACCOUNT_DIMENSIONS.map(intern) as [ReturnType<typeof intern>, ReturnType<typeof intern>, ReturnType<typeof intern>];
  return {
    attributes: { segment: segment.codes, country: country.codes, industry: industry.codes },
    values: { segment: segment.values, country: country.values, industry: industry.values },
  };
}

type FreshSpans = { subscription: number[]; itemId: number[]; fromMonth: number[]; toMonth: number[]; mrrMinor: number[] };
type SplicedSpans = { columns: MrrStore['spans']; itemIds: Float64Array };

/**
 * The earlier spans without the changed subscriptions', with the fresh ones merged in by item
 * version id (the full build's order; both lists are in it). Kept runs are copied in bulk. Null
 * when a fresh span's item also made a kept span (the change set missed a subscription).
 */
function spliceSpans(previous: MrrStore, changed: Uint8Array, fresh: FreshSpans): SplicedSpans | null {
  const old = previous.spans;
  const oldItemIds = previous.sources?.spanItemIds;
  if (!oldItemIds) return null;
  // One pass for the size and the total: the builder's guard (mrr-store.ts finish), beyond 2^53 the Float64 sums would round.
  let kept = 0;
  let totalMinor = 0;
  for (let i = 0; i < old.count; i += 1) {
    if (changed[old.subscription[i]!] !== 0) continue;
    kept += 1;
    totalMinor += old.mrrMinor[i]!;
  }
  for (const mrrMinor of fresh.mrrMinor) totalMinor += mrrMinor;
  assert(totalMinor <= Number.MAX_SAFE_INTEGER, `MRR spans add up to ${totalMinor} minor units, beyond exact float arithmetic (2^53)`);
  const count = kept + fresh.itemId.length;
  const next = {
    subscription: new Int32Array(count), fromMonth: new Int32Array(count), toMonth: new Int32Array(count), mrrMinor: new Float64Array(count), itemIds: new Float64Array(count),
  };
  let out = 0;
  const copyRun = (from: number, to: number) => {
    if (to <= from) return;
    next.subscription.set(old.subscription.subarray(from, to), out);
    next.fromMonth.set(old.fromMonth.subarray(from, to), out);
    next.toMonth.set(old.toMonth.subarray(from, to), out);
    next.mrrMinor.set(old.mrrMinor.subarray(from, to), out);
    next.itemIds.set(oldItemIds.subarray(from, to), out);
    out += to - from;
  };
  let f = 0;
  const insertFreshBelow = (itemId: number) => {
    for (; f < fresh.itemId.length && fresh.itemId[f]! < itemId; f += 1, out += 1) {
      next.subscription[out] = fresh.subscription[f]!;
      next.fromMonth[out] = fresh.fromMonth[f]!;
      next.toMonth[out] = fresh.toMonth[f]!;
      next.mrrMinor[out] = fresh.mrrMinor[f]!;
      next.itemIds[out] = fresh.itemId[f]!;
    }
  };
  let runStart = 0;
  for (let i = 0; i < old.count; i += 1) {
    if (changed[old.subscription[i]!] !== 0) {
      copyRun(runStart, i);
      runStart = i + 1;
      continue;
    }
    const itemId = oldItemIds[i]!;
    const nextFresh = fresh.itemId[f];
    if (nextFresh !== undefined && nextFresh <= itemId) {
      copyRun(runStart, i);
      runStart = i;
      insertFreshBelow(itemId);
      if (fresh.itemId[f] === itemId) return null;
    }
  }
  copyRun(runStart, old.count);
  insertFreshBelow(Number.POSITIVE_INFINITY);
  assert(out === count, `spliced ${out} spans, meant ${count}`);
  return { columns: { count, subscription: next.subscription, fromMonth: next.fromMonth, toMonth: next.toMonth, mrrMinor: next.mrrMinor }, itemIds: next.itemIds };
}
