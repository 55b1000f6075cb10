import { assert } from '../shared/errors.ts';
import { OPEN_MONTH } from './month-numbers.ts';
import type { MrrStore } from './mrr-store.ts';

/**
 * A customer row is what movements compare over time: an account's MRR in one currency (currencies
 * are never added up here, docs/metrics.md "Currencies") — and, in a report by plan, in one plan.
 */
export type RowModel = { count: number; spanRow: Int32Array; subscriptionRow: Int32Array; account: Int32Array; currency: Int32Array; plan: Int32Array };

/** MRR per customer row at each snapshot month end, and each row's first month with MRR. */
export type SnapshotMatrix = {
  rowCount: number;
  /** Per row: account and plan (-1 unless by plan) indexes into the store, currency index into `currencies`. */
  account: Int32Array;
  plan: Int32Array;
  currency: Int32Array;
  currencies: readonly string[];
  snapshotMonths: readonly number[];
  /** rows × width, row-major; column k < snapshotMonths.length is MRR at that month's last day. */
  values: Float64Array;
  width: number;
  /** The first month in which the row had MRR on any day (OPEN_MONTH: never). */
  firstMonth: Int32Array;
};

/** Built once per store and grouping (cached in store.derived). */
export function rowModel(store: MrrStore, byPlan: boolean): RowModel {
  const cacheKey = `rows:${byPlan}`;
  const cached = store.derived.get(cacheKey) as RowModel | undefined;
  if (cached) return cached;
  const { subscriptions, spans } = store;
  const rowOfKey = new Map<number, number>();
  const account: number[] = [];
  const currency: number[] = [];
  const plan: number[] = [];
  const subscriptionRow = new Int32Array(subscriptions.ids.length);
  const currencies = store.currencies.length;
  const plans = store.plans.length;
  for (let s = 0; s < subscriptions.ids.length; s += 1) {
    const a = subscriptions.account[s] ?? 0;
    const c = subscriptions.currency[s] ?? 0;
    const p = byPlan ? (subscriptions.plan[s] ?? 0) : -1;
    // A number key (exact below 2^53 for any realistic store) avoids a string per subscription.
    const key = (a * currencies + c) * (plans + 1) + p + 1;
    let row = rowOfKey.get(key);
    if (row === undefined) {
      row = account.length;
      rowOfKey.set(key, row);
      account.push(a);
      currency.push(c);
      plan.push(p);
    }
    subscriptionRow[s] = row;
  }
  const spanRow = new Int32Array(spans.count);
  for (let i = 0; i < spans.count; i += 1) spanRow[i] = subscriptionRow[spans.subscription[i] ?? 0] ?? 0;
  const model = { count: account.length, spanRow, subscriptionRow, account: Int32Array.from(account), currency: Int32Array.from(currency), plan: Int32Array.from(plan) };
  store.derived.set(cacheKey, model);
  return model;
}

/**
 * Gives `next` the row models built for `previous`, with only the span → row column made again:
 * for a store patched from `previous` (patch-mrr-store.ts), whose subscriptions, their accounts,
 * currencies and plans are those of `previous` — only its spans differ — so the rows are the same.
 */
export function carryRowModels(previous: MrrStore, next: MrrStore): void {
  assert(previous.subscriptions === next.subscriptions, 'row models are carried only to a store with the same subscription columns');
  for (const byPlan of [false, true]) {
    const model = previous.derived.get(`rows:${byPlan}`) as RowModel | undefined;
    if (!model) continue;
    const { subscription, count } = next.spans;
    const spanRow = new Int32Array(count);
    for (let i = 0; i < count; i += 1) spanRow[i] = model.subscriptionRow[subscription[i]!]!;
    next.derived.set(`rows:${byPlan}`, { ...model, spanRow });
  }
}

/**
 * Table: month → k of the first snapshot at or after it, for months [first, last + 1]; months
 * before `first` map to 0 and after `last` to the snapshot count (clamped by the caller).
 */
function snapshotTable(snapshotMonths: readonly number[]): Int32Array {
  const first = snapshotMonths[0] ?? 0;
  const last = snapshotMonths[snapshotMonths.length - 1] ?? 0;
  const table = new Int32Array(last - first + 2);
  let k = 0;
  for (let month = first; month <= last + 1; month += 1) {
    while (k < snapshotMonths.length && (snapshotMonths[k] ?? OPEN_MONTH) < month) k += 1;
    table[month - first] = k;
  }
  return table;
}

/**
 * One pass over the spans: each adds its MRR to the snapshots it covers through a difference
 * array (+v at its first covered snapshot, −v after its last), then one prefix sum per row.
 * Work is O(spans + rows × snapshots) whatever the span lengths. `snapshotMonths` ascending.
 */
export function snapshotMatrix(store: MrrStore, rows: RowModel, snapshotMonths: readonly number[]): SnapshotMatrix {
  const count = snapshotMonths.length;
  const width = count + 1;
  const values = new Float64Array(rows.count * width);
  const firstMonth = new Int32Array(rows.count).fill(OPEN_MONTH);
  const table = snapshotTable(snapshotMonths);
  const first = snapshotMonths[0] ?? 0;
  const span = table.length - 1;
  const { fromMonth, toMonth, mrrMinor } = store.spans;
  const { spanRow } = rows;
  for (let i = 0; i < store.spans.count; i += 1) {
    const row = spanRow[i]!;
    const from = fromMonth[i]!;
    const value = mrrMinor[i]!;
    if (value > 0 && from < firstMonth[row]!) firstMonth[row] = from;
    const fromOffset = from - first;
    const toOffset = toMonth[i]! - first;
    const start = fromOffset <= 0 ? 0 : fromOffset >= span ? count : table[fromOffset]!;
    const end = toOffset <= 0 ? 0 : toOffset >= span ? count : table[toOffset]!;
    if (start < end) {
      values[row * width + start]! += value;
      values[row * width + end]! -= value;
    }
  }
  for (let row = 0; row < rows.count; row += 1) {
    let running = 0;
    const base = row * width;
    for (let k = 0; k < count; k += 1) {
      running += values[base + k]!;
      values[base + k] = running;
    }
  }
  return {
    rowCount: rows.count, account: rows.account, plan: rows.plan, currency: rows.currency, currencies: store.currencies,
    snapshotMonths, values, width, firstMonth,
  };
}
