import type { Ctx } from '../shared/context.ts';
import { movementContributions } from './explain-mrr.ts';
import { lastDateOfMonth } from './month-numbers.ts';
import { computeBridges, type Bridge } from './movements.ts';
import type { MetricResult, MovementRow, SeriesPoint } from './metric-types.ts';
import { bridgeMonths, prepareMatrix, type PreparedMatrix } from './prepare-matrix.ts';
import { ratio } from './ratio.ts';
import { explainSettings, type ReportRequest } from './report-request.ts';

export const MOVEMENTS_FORMULA =
  "per customer, MRR at the previous period's end (start) → this period's end (end): 0 → x new (never had MRR before) or reactivation; " +
  'up expansion; down above 0 contraction; x → 0 churn. mrrEnd = mrrStart + new + expansion + reactivation − contraction − churn';

export const CHURN_METRICS = ['customer-churn-rate', 'gross-mrr-churn-rate', 'net-mrr-churn-rate'] as const;
export type ChurnMetric = (typeof CHURN_METRICS)[number];

const CHURN: Record<ChurnMetric, { formula: string; numerator: (b: Bridge) => number; denominator: (b: Bridge) => number }> = {
  'customer-churn-rate': {
    formula: 'customers churned in the period ÷ customers with MRR at its start',
    numerator: (b) => b.customersChurned,
    denominator: (b) => b.customersStart,
  },
  'gross-mrr-churn-rate': {
    formula: '(contraction + churn) ÷ MRR at the start of the period',
    numerator: (b) => b.contractionMinor + b.churnMinor,
    denominator: (b) => b.mrrStartMinor,
  },
  'net-mrr-churn-rate': {
    formula: '(contraction + churn − expansion − reactivation) ÷ MRR at the start of the period (negative = net expansion)',
    numerator: (b) => b.contractionMinor + b.churnMinor - b.expansionMinor - b.reactivationMinor,
    denominator: (b) => b.mrrStartMinor,
  },
};

export async function movementsReport(ctx: Ctx, request: ReportRequest): Promise<MovementRow[]> {
  return movementRows(await prepareMatrix(ctx, request, bridgeMonths(request)), request);
}

/** One row per period and shown slice; prepared on bridgeMonths(request). */
export function movementRows(prepared: PreparedMatrix, request: ReportRequest): MovementRow[] {
  const bridges = computeBridges(prepared.matrix, prepared.slices);
  return request.periods.flatMap((period, p) =>
    prepared.shown.map((slice) => {
      const key = prepared.slices.keys[slice] ?? { currency: '' };
      const row: MovementRow = { period: period.key, ...key, ...(bridges[p]?.[slice] as Bridge) };
      if (request.explain) {
        row.explain = { formula: MOVEMENTS_FORMULA, settings: bridgeSettings(request, p), contributions: movementContributions(prepared, slice, p + 1) };
      }
      return row;
    }));
}

export async function churnMetric(ctx: Ctx, name: ChurnMetric, request: ReportRequest): Promise<MetricResult> {
  return churnResult(await prepareMatrix(ctx, request, bridgeMonths(request)), name, request);
}

export function churnResult(prepared: PreparedMatrix, name: ChurnMetric, request: ReportRequest): MetricResult {
  const rule = CHURN[name];
  const bridges = computeBridges(prepared.matrix, prepared.slices);
  const series = request.periods.flatMap((period, p) => prepared.shown.map((slice): SeriesPoint => {
    const bridge = bridges[p]?.[slice] as Bridge;
    const numerator = rule.numerator(bridge);
    const denominator = rule.denominator(bridge);
    const point: SeriesPoint = { period: period.key, ...prepared.slices.keys[slice], value: ratio(numerator, denominator), numerator, denominator };
    if (request.explain) {
      point.explain = { formula: rule.formula, settings: bridgeSettings(request, p), numerator, denominator, contributions: movementContributions(prepared, slice, p + 1) };
    }
    return point;
  }));
  return { metric: name, unit: 'ratio', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

function bridgeSettings(request: ReportRequest, p: number) {
  const period = request.periods[p] ?? { key: '', startMonth: 0, endMonth: 0, startDate: '', endDate: '' };
  return explainSettings(request, period, { startSnapshotDate: lastDateOfMonth(period.startMonth - 1), endSnapshotDate: lastDateOfMonth(period.endMonth) });
}
