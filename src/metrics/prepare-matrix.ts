import type { Ctx } from '../shared/context.ts';
import { convertMatrix, type ConvertedMatrix } from './fx-matrix.ts';
import { loadRateBook, type RateBook } from './fx-rate-book.ts';
import { getMrrStore, getMrrStoreAsOf } from './load-mrr-store.ts';
import { lastDateOfMonth } from './month-numbers.ts';
import type { MrrStore } from './mrr-store.ts';
import type { ReportRequest } from './report-request.ts';
import { rowModel, snapshotMatrix, type SnapshotMatrix } from './snapshot-matrix.ts';
import { shownSlices, sliceRows, slicesWithData, type Breakdown, type Slices } from './slices.ts';

/** Everything an MRR-family metric reads: customer MRR at the snapshots, grouped into the series shown. */
export type PreparedMatrix = { store: MrrStore; matrix: SnapshotMatrix | ConvertedMatrix; slices: Slices; shown: number[]; byPlan: boolean };

/** Loads (or reuses) the store and the rates a reporting currency needs, then builds the matrix. */
export async function prepareMatrix(ctx: Ctx, request: ReportRequest, snapshotMonths: readonly number[]): Promise<PreparedMatrix> {
  const asOf = request.asOf ?? null;
  const store = asOf === null ? await getMrrStore(ctx) : await getMrrStoreAsOf(ctx, asOf);
  const first = snapshotMonths[0] ?? 0;
  const last = snapshotMonths[snapshotMonths.length - 1] ?? 0;
  const book = request.reportingCurrency === null
    ? null
    : await loadRateBook(ctx, store.currencies, request.reportingCurrency, lastDateOfMonth(first), lastDateOfMonth(last));
  return buildMatrix(store, snapshotMonths, request.breakdown, book);
}

/** The engine without I/O: what the bench times. `snapshotMonths` strictly ascending. */
export function buildMatrix(store: MrrStore, snapshotMonths: readonly number[], breakdown: Breakdown | null, book: RateBook | null): PreparedMatrix {
  const base = snapshotMatrix(store, rowModel(store, breakdown === 'plan'), snapshotMonths);
  const matrix = book === null ? base : convertMatrix(base, book);
  const slices = sliceRows(store, matrix, breakdown);
  let shown = shownSlices(slices, slicesWithData(matrix, slices));
  if (book !== null && breakdown === null && shown.length === 0) {
    // A report in one reporting currency always has its one series, zeros included.
    slices.keys.push({ currency: book.reportingCurrency });
    slices.count = slices.keys.length;
    shown = [slices.count - 1];
  }
  return { store, matrix, slices, shown, byPlan: breakdown === 'plan' };
}

/** Stock figures: snapshots at each period's end. */
export function periodEndMonths(request: ReportRequest): number[] {
  return request.periods.map((period) => period.endMonth);
}

/** Flow figures: the end of the month before the first period, then each period's end. */
export function bridgeMonths(request: ReportRequest): number[] {
  const first = request.periods[0];
  return first ? [first.startMonth - 1, ...periodEndMonths(request)] : [];
}
