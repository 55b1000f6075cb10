import type { Ctx } from '../shared/context.ts';
import { assertHistoryCovers, type HistoryTable } from './as-of-tables.ts';
import type { MetricBasis } from './metric-bases.ts';
import type { MetricResult, MovementRow, SeriesPoint } from './metric-types.ts';
import { BRIDGE_FIELDS, type Bridge } from './movements.ts';
import { RATIO_DECIMALS } from './ratio.ts';
import type { ReportRequest } from './report-request.ts';

const MRR_TABLES: readonly HistoryTable[] = ['subscriptions', 'subscription_items', 'subscription_pauses', 'accounts'];
const DEAL_TABLES: readonly HistoryTable[] = ['opportunities', 'opportunity_stage_history', 'pipeline_stages', 'accounts'];

/**
 * Every metric answers asOf (docs/metrics.md "As of"). The tables each basis reads, whose history
 * must reach back to asOf: the MRR family reads the trigger-kept row history of migration
 * 202612060800, the record metrics that of 202612081300; finance metrics count their immutable
 * records by their recorded instant and read accounts (and, for backlog, the bridge, CAC and
 * tickets per customer, the MRR tables) as of the instant.
 */
export const AS_OF_TABLES: Record<MetricBasis, readonly HistoryTable[]> = {
  subscriptions: MRR_TABLES,
  opportunities: [...DEAL_TABLES, 'leads', 'sales_targets'],
  leads: ['leads', 'opportunities'],
  spend: [...MRR_TABLES, 'marketing_spend', 'campaigns', 'leads', 'opportunities', 'opportunity_stage_history'],
  tickets: [...MRR_TABLES, 'support_tickets'],
  usage: ['account_seats', 'accounts'],
  invoices: ['accounts'],
  payments: ['accounts'],
  ledger: MRR_TABLES,
  contracts: MRR_TABLES,
};

type Computed = MetricResult | MovementRow[];

/**
 * docs/metrics.md "As of": the figure as reported (the data as it stood at asOf) beside the figure
 * as restated (the data now). Each series point gets restatedValue and restatement = restated −
 * reported; each movements row gets `restated` (the bridge now) and restatementMinor (its
 * mrrEndMinor now − then). Series that exist only now are appended after them, flagged
 * restatedOnly (value null; a movements row with a zero reported bridge).
 */
export async function computeAsOf(
  ctx: Ctx, metric: { name: string; basis: MetricBasis }, request: ReportRequest & { asOf: Date }, compute: (request: ReportRequest) => Promise<Computed>,
): Promise<Computed> {
  await assertHistoryCovers(ctx, AS_OF_TABLES[metric.basis], request.asOf);
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

/**
 * The fields besides period, segment and currency that name a series rather than a figure:
 * ar-aging's bucket, the stage of stage and lead-stage metrics, the revenue bridge's line.
 */
const IDENTITY_FIELDS = ['bucket', 'stage', 'line'] as const;

/** A point's identity: its period and the series it belongs to (breakdown value, currency and the fields above). */
function keyOf(point: { period: string; segment?: string | null; currency?: string } & Record<string, unknown>): string {
  return JSON.stringify([point.period, point.segment ?? null, point.currency ?? null, ...IDENTITY_FIELDS.map((field) => point[field] ?? null)]);
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
    const identity = { period: point.period, ...('segment' in point ? { segment: point.segment } : {}), ...(point.currency === undefined ? {} : { currency: point.currency }), ...Object.fromEntries(IDENTITY_FIELDS.filter((field) => field in point).map((field) => [field, point[field]])) };
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
