import { assert } from '../shared/errors.ts';
import type { AccountDimension, MrrStore } from './mrr-store.ts';
import type { SnapshotMatrix } from './snapshot-matrix.ts';

/**
 * What a report can be broken down by: an account attribute (its current value), the
 * subscription's plan, or the record's owner (opportunities and leads: the owner's user id).
 */
export const BREAKDOWNS = ['segment', 'country', 'industry', 'plan', 'owner'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
/** The MRR store knows accounts and plans, not owners. */
export const MRR_BREAKDOWNS: readonly Breakdown[] = ['segment', 'country', 'industry', 'plan'];

/** One series of a report: a currency, and the breakdown value when there is a breakdown (null = not set). */
export type SliceKey = { segment?: string | null; currency: string };
export type Slices = { count: number; ofRow: Int32Array; keys: SliceKey[] };

/** Assigns each customer row to its slice: (breakdown value, currency). */
export function sliceRows(store: MrrStore, matrix: SnapshotMatrix, breakdown: Breakdown | null): Slices {
  const index = new Map<number, number>();
  const keys: SliceKey[] = [];
  const ofRow = new Int32Array(matrix.rowCount);
  const currencies = matrix.currencies.length;
  const valueOf = breakdownValue(store, matrix, breakdown);
  for (let row = 0; row < matrix.rowCount; row += 1) {
    const [valueIndex, value] = valueOf(row);
    const currency = matrix.currency[row] ?? 0;
    const key = valueIndex * currencies + currency;
    let slice = index.get(key);
    if (slice === undefined) {
      slice = keys.length;
      index.set(key, slice);
      const currencyCode = matrix.currencies[currency] ?? '';
      keys.push(breakdown === null ? { currency: currencyCode } : { segment: value, currency: currencyCode });
    }
    ofRow[row] = slice;
  }
  return { count: keys.length, ofRow, keys };
}

function breakdownValue(store: MrrStore, matrix: SnapshotMatrix, breakdown: Breakdown | null): (row: number) => [number, string | null] {
  if (breakdown === null) return () => [0, null];
  // Guard: computeMetric refuses a breakdown a metric does not list, and no MRR metric lists owner.
  assert(breakdown !== 'owner', 'MRR figures have no owner breakdown');
  if (breakdown === 'plan') {
    return (row) => {
      const plan = matrix.plan[row] ?? -1;
      assert(plan >= 0, 'a report by plan needs a matrix with plan rows');
      return [plan, store.plans[plan] ?? null];
    };
  }
  const attribute = store.accounts.attributes[breakdown satisfies AccountDimension];
  const values = store.accounts.values[breakdown];
  return (row) => {
    const valueIndex = attribute[matrix.account[row] ?? 0] ?? 0;
    return [valueIndex, values[valueIndex] ?? null];
  };
}

/** Slices with MRR at any snapshot: the series a report shows (an all-zero series is noise). */
export function slicesWithData(matrix: SnapshotMatrix, slices: Slices): boolean[] {
  const seen = new Array<boolean>(slices.count).fill(false);
  const columns = matrix.snapshotMonths.length;
  for (let row = 0; row < matrix.rowCount; row += 1) {
    const slice = slices.ofRow[row] ?? 0;
    if (seen[slice]) continue;
    for (let k = 0; k < columns; k += 1) {
      if ((matrix.values[row * matrix.width + k] ?? 0) !== 0) {
        seen[slice] = true;
        break;
      }
    }
  }
  return seen;
}

/** Slice indexes to show, ordered by currency, then breakdown value (null last). */
export function shownSlices(slices: Slices, withData: readonly boolean[]): number[] {
  const shown = slices.keys.map((_, i) => i).filter((i) => withData[i]);
  // Code-point order, not locale order: the same report must list its series the same way everywhere.
  const text = (value: string | null | undefined) => (value === null || value === undefined ? '\uffff' : value);
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return shown.sort((a, b) => {
    const ka = slices.keys[a];
    const kb = slices.keys[b];
    if (!ka || !kb) return 0;
    return compare(ka.currency, kb.currency) || compare(text(ka.segment), text(kb.segment));
  });
}
