import { convertMinor, type ExactRate } from './fx-convert.ts';
import type { CustomerContribution, MovementContribution } from './metric-types.ts';
import { lastDateOfMonth, OPEN_MONTH } from './month-numbers.ts';
import { classifyMovement } from './movements.ts';
import type { PreparedMatrix } from './prepare-matrix.ts';
import { rowModel, type SnapshotMatrix } from './snapshot-matrix.ts';

type SubscriptionAmount = CustomerContribution['subscriptions'][number];
type Conversion = { source: SnapshotMatrix; foldOf: Int32Array; rates: Map<string, ExactRate> };

export function valueAt(matrix: SnapshotMatrix, row: number, k: number): number {
  return matrix.values[row * matrix.width + k] ?? 0;
}

/** Matrix rows of a slice that pass `keep`, in account-id order (explain output is deterministic). */
export function rowsOfSlice(prepared: PreparedMatrix, slice: number, keep: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (let row = 0; row < prepared.matrix.rowCount; row += 1) if (prepared.slices.ofRow[row] === slice && keep(row)) rows.push(row);
  const id = (row: number) => `${accountIdOf(prepared, row)}\u0000${planOf(prepared, row) ?? ''}`;
  return rows.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

const accountIdOf = (prepared: PreparedMatrix, row: number) => prepared.store.accounts.ids[prepared.matrix.account[row] ?? 0] ?? '';
const planOf = (prepared: PreparedMatrix, row: number) => (prepared.byPlan ? (prepared.store.plans[prepared.matrix.plan[row] ?? 0] ?? null) : undefined);

export function customerOf(prepared: PreparedMatrix, row: number): { accountId: string; plan?: string | null } {
  const plan = planOf(prepared, row);
  return plan === undefined ? { accountId: accountIdOf(prepared, row) } : { accountId: accountIdOf(prepared, row), plan };
}

/**
 * The customers behind an MRR figure at snapshot k, each with its subscriptions' MRR at that month
 * end. Amounts are multiplied by `factor` (12 for ARR), so they still add up exactly to the figure.
 */
export function snapshotContributions(prepared: PreparedMatrix, slice: number, k: number, factor = 1): CustomerContribution[] {
  const { matrix } = prepared;
  const rows = rowsOfSlice(prepared, slice, (row) => valueAt(matrix, row, k) > 0);
  const conversion: Conversion | null = 'conversion' in matrix ? matrix.conversion : null;
  const baseRowsOf = new Map<number, number[]>(rows.map((row) => [row, conversion ? [] : [row]]));
  if (conversion) conversion.foldOf.forEach((fold, baseRow) => baseRowsOf.get(fold)?.push(baseRow));
  const month = matrix.snapshotMonths[k] ?? 0;
  const subscriptions = subscriptionAmounts(prepared, new Set([...baseRowsOf.values()].flat()), month);
  return rows.map((row) => {
    const baseRows = baseRowsOf.get(row) ?? [];
    const contribution: CustomerContribution = {
      ...customerOf(prepared, row),
      amountMinor: valueAt(matrix, row, k) * factor,
      subscriptions: baseRows.flatMap((baseRow) => subscriptions.get(baseRow) ?? []),
    };
    if (conversion) contribution.conversions = baseRows.map((baseRow) => conversionOf(conversion, baseRow, k)).filter((c) => c.amountMinor !== 0);
    return contribution;
  });
}

function conversionOf(conversion: Conversion, baseRow: number, k: number) {
  const { source } = conversion;
  const currency = source.currencies[source.currency[baseRow] ?? 0] ?? '';
  const amountMinor = valueAt(source, baseRow, k);
  const date = lastDateOfMonth(source.snapshotMonths[k] ?? 0);
  const rate = conversion.rates.get(`${currency}|${date}`);
  // The reporting currency's own amounts are not converted: rate 1, same amount.
  if (!rate || amountMinor === 0) return { currency, amountMinor, rate: '1', rateDate: date, convertedMinor: amountMinor };
  // The same arithmetic as fx-matrix.ts, so the listed amounts are the ones that were added.
  return { currency, amountMinor, rate: rate.text, rateDate: rate.rateDate, convertedMinor: Number(convertMinor(BigInt(amountMinor), rate)) };
}

/** Per base row: each subscription's MRR at the end of `month` (one pass over the spans). */
function subscriptionAmounts(prepared: PreparedMatrix, baseRows: Set<number>, month: number): Map<number, SubscriptionAmount[]> {
  const { store } = prepared;
  const rows = rowModel(store, prepared.byPlan);
  const perSubscription = new Map<number, number>();
  const { fromMonth, toMonth, mrrMinor, subscription } = store.spans;
  for (let i = 0; i < store.spans.count; i += 1) {
    if (!baseRows.has(rows.spanRow[i] ?? -1) || (fromMonth[i] ?? OPEN_MONTH) > month || month >= (toMonth[i] ?? OPEN_MONTH)) continue;
    const s = subscription[i] ?? 0;
    perSubscription.set(s, (perSubscription.get(s) ?? 0) + (mrrMinor[i] ?? 0));
  }
  const byRow = new Map<number, SubscriptionAmount[]>();
  for (const [s, amountMinor] of [...perSubscription].sort((a, b) => a[0] - b[0])) {
    const row = rows.subscriptionRow[s] ?? 0;
    const list = byRow.get(row) ?? [];
    list.push({ subscriptionId: store.subscriptions.ids[s] ?? '', currency: store.currencies[store.subscriptions.currency[s] ?? 0] ?? '', amountMinor });
    byRow.set(row, list);
  }
  return byRow;
}

/**
 * The customers behind a bridge (snapshot k−1 → k): every customer with MRR at either end, its
 * movement and amount. Per movement the amounts add up to the figure; startMinor and endMinor
 * add up to mrrStart and mrrEnd.
 */
export function movementContributions(prepared: PreparedMatrix, slice: number, k: number): MovementContribution[] {
  const { matrix } = prepared;
  const startMonth = matrix.snapshotMonths[k - 1] ?? 0;
  const rows = rowsOfSlice(prepared, slice, (row) => valueAt(matrix, row, k - 1) > 0 || valueAt(matrix, row, k) > 0);
  return rows.map((row) => {
    const startMinor = valueAt(matrix, row, k - 1);
    const endMinor = valueAt(matrix, row, k);
    const movement = classifyMovement(startMinor, endMinor, (matrix.firstMonth[row] ?? OPEN_MONTH) <= startMonth) ?? 'flat';
    return { ...customerOf(prepared, row), movement, startMinor, endMinor, amountMinor: Math.abs(endMinor - startMinor) };
  });
}
