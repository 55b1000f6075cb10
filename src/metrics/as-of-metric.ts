import { AppError } from '../shared/errors.ts';
import type { MetricBasis } from './metric-bases.ts';
import type { MetricResult, MovementRow, SeriesPoint } from './metric-types.ts';
import { BRIDGE_FIELDS, type Bridge } from './movements.ts';
import { RATIO_DECIMALS } from './ratio.ts';
import type { ReportRequest } from './report-request.ts';

/** The MRR family reads the trigger-kept row history (migrations/202612060800_create_row_history.ts). */
export const AS_OF_BASES: readonly MetricBasis[] = ['subscriptions'];
/**
 * Finance metrics made of immutable records with a recorded instant (issued invoices and credit
 * notes, journal entries, payment receipts, reversals and settlements): as of an instant, only the
 * records recorded by then count (docs/metrics.md "As of", the rule per metric).
 */
export const AS_OF_FINANCE_METRICS: readonly string[] = [
  'billings', 'recognized-revenue', 'cash-collected', 'ar-balance', 'ar-aging', 'dso', 'dso-countback', 'operating-revenue-share', 'revenue-growth',
];

export function supportsAsOf(metric: { name: string; basis: MetricBasis }): boolean {
  return AS_OF_BASES.includes(metric.basis) || AS_OF_FINANCE_METRICS.includes(metric.name);
}

type Computed = MetricResult | MovementRow[];

/**
 * docs/metrics.md "As of": the figure as reported (the data as it stood at asOf) beside the figure
 * as restated (the data now). Each series point gets restatedValue and restatement = restated −
 * reported; each movements row gets `restated` (the bridge now) and restatementMinor (its
 * mrrEndMinor now − then). Series that exist only now are appended after them, flagged
 * restatedOnly (value null; a movements row with a zero reported bridge).
 */
export async function computeAsOf(
  metric: { name: string; basis: MetricBasis }, request: ReportRequest & { asOf: Date }, compute: (request: ReportRequest) => Promise<Computed>,
): Promise<Computed> {
  if (!supportsAsOf(metric)) {
    const message = `asOf is supported for the MRR metrics (basis ${AS_OF_BASES.join(', ')}) and ${AS_OF_FINANCE_METRICS.join(', ')} only; ${metric.name} (basis ${metric.basis}) has no history to read`;
    throw new AppError('validation_failed', `querystring.asOf: ${message}`, { fieldErrors: [{ field: 'querystring.asOf', message }] });
  }
  const reported = await compute(request);
  const restated = await compute({ ...request, asOf: null });
  if (Array.isArray(reported)) {
    // Guard: the same metric answers in the same shape with or without asOf.
    if (!Array.isArray(restated)) throw new Error('mrr-movements answered without its rows');
    return restateMovements(reported, restated);
  }
  if (Array.isArray(restated)) throw new Error(`${reported.metric} answered as movements`);
  return { ...reported, series: restateSeries(reported.series, restated.series, reported.unit === 'ratio') };
}

/** A point's identity: its period and the series it belongs to (breakdown value, currency, and ar-aging's bucket). */
function keyOf(point: { period: string; segment?: string | null; currency?: string; bucket?: unknown }): string {
  return JSON.stringify([point.period, point.segment ?? null, point.currency ?? null, point.bucket ?? null]);
}

function restateSeries(reported: SeriesPoint[], restated: SeriesPoint[], isRatio: boolean): SeriesPoint[] {
  const now = new Map(restated.map((point) => [keyOf(point), point]));
  const seen = new Set<string>();
  const series: SeriesPoint[] = reported.map((point) => {
    const key = keyOf(point);
    seen.add(key);
    const restatedValue = now.get(key)?.value ?? null;
    return { ...point, restatedValue, restatement: difference(point.value, restatedValue, isRatio) };
  });
  for (const point of restated) {
    if (seen.has(keyOf(point))) continue;
    // Only the point's identity is kept: its other fields (customers, mrrMinor…) are figures now, not as reported.
    const identity = { period: point.period, ...('segment' in point ? { segment: point.segment } : {}), ...(point.currency === undefined ? {} : { currency: point.currency }), ...('bucket' in point ? { bucket: point['bucket'] } : {}) };
    series.push({ ...identity, value: null, restatedValue: point.value, restatement: null, restatedOnly: true });
  }
  return series;
}

/** restated − reported; ratios are 4-decimal fractions, so their difference is rounded to 4 decimals too. */
function difference(reported: number | null, restated: number | null, isRatio: boolean): number | null {
  if (reported === null || restated === null) return null;
  if (!isRatio) return restated - reported;
  const scale = 10 ** RATIO_DECIMALS;
  return Math.round((restated - reported) * scale) / scale;
}

function bridgeOf(row: MovementRow): Bridge {
  return Object.fromEntries(BRIDGE_FIELDS.map((field) => [field, row[field]])) as Bridge;
}

const ZERO_BRIDGE = Object.fromEntries(BRIDGE_FIELDS.map((field) => [field, 0])) as Bridge;

function restateMovements(reported: MovementRow[], restated: MovementRow[]): MovementRow[] {
  const now = new Map(restated.map((row) => [keyOf(row), row]));
  const seen = new Set<string>();
  const rows: MovementRow[] = reported.map((row) => {
    const key = keyOf(row);
    seen.add(key);
    const match = now.get(key);
    // A series with no row now has nothing left in it: its restated bridge is all zeros.
    const bridge = match ? bridgeOf(match) : ZERO_BRIDGE;
    return { ...row, restated: bridge, restatementMinor: bridge.mrrEndMinor - row.mrrEndMinor };
  });
  for (const row of restated) {
    if (seen.has(keyOf(row))) continue;
    const { explain: _explain, ...rest } = row;
    rows.push({ ...rest, ...ZERO_BRIDGE, restated: bridgeOf(row), restatementMinor: row.mrrEndMinor, restatedOnly: true });
  }
  return rows;
}
