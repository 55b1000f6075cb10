import type { Ctx } from '../shared/context.ts';
import { customerOf, rowsOfSlice, valueAt } from './explain-mrr.ts';
import type { MetricResult, MovementContribution, SeriesPoint } from './metric-types.ts';
import { lastDateOfMonth } from './month-numbers.ts';
import { classifyMovement } from './movements.ts';
import { prepareMatrix, type PreparedMatrix } from './prepare-matrix.ts';
import { ratio } from './ratio.ts';
import { explainSettings, type ReportRequest } from './report-request.ts';

export const RETENTION_METRICS = ['nrr', 'grr'] as const;
export type RetentionMetric = (typeof RETENTION_METRICS)[number];

/** Trailing twelve months: the cohort is the customers with MRR twelve month ends before the period's end. */
export const RETENTION_LOOKBACK_MONTHS = 12;

const FORMULAS: Record<RetentionMetric, string> = {
  nrr: "Σ cohort MRR at the period's end ÷ Σ cohort MRR 12 months earlier; cohort = customers with MRR 12 months before the period's end",
  grr: "Σ cohort min(MRR at the period's end, MRR 12 months earlier) ÷ Σ cohort MRR 12 months earlier (expansion capped, so ≤ 1)",
};

export function retentionMonths(request: ReportRequest): number[] {
  const ends = request.periods.map((period) => period.endMonth);
  return [...new Set([...ends.map((end) => end - RETENTION_LOOKBACK_MONTHS), ...ends])].sort((a, b) => a - b);
}

export async function retentionMetric(ctx: Ctx, name: RetentionMetric, request: ReportRequest): Promise<MetricResult> {
  return retentionResult(await prepareMatrix(ctx, request, retentionMonths(request)), name, request);
}

export function retentionResult(prepared: PreparedMatrix, name: RetentionMetric, request: ReportRequest): MetricResult {
  const { matrix, slices } = prepared;
  const column = new Map(matrix.snapshotMonths.map((month, k) => [month, k]));
  const series: SeriesPoint[] = [];
  for (const period of request.periods) {
    const end = column.get(period.endMonth) ?? 0;
    const start = column.get(period.endMonth - RETENTION_LOOKBACK_MONTHS) ?? 0;
    const numerators = new Float64Array(slices.count);
    const denominators = new Float64Array(slices.count);
    for (let row = 0; row < matrix.rowCount; row += 1) {
      const before = valueAt(matrix, row, start);
      if (before === 0) continue;
      const slice = slices.ofRow[row] ?? 0;
      numerators[slice] = (numerators[slice] ?? 0) + share(name, before, valueAt(matrix, row, end));
      denominators[slice] = (denominators[slice] ?? 0) + before;
    }
    for (const slice of prepared.shown) {
      const numerator = numerators[slice] ?? 0;
      const denominator = denominators[slice] ?? 0;
      const point: SeriesPoint = { period: period.key, ...slices.keys[slice], value: ratio(numerator, denominator), numerator, denominator };
      if (request.explain) {
        const settings = explainSettings(request, period, {
          cohortDate: lastDateOfMonth(period.endMonth - RETENTION_LOOKBACK_MONTHS), snapshotDate: lastDateOfMonth(period.endMonth),
        });
        point.explain = { formula: FORMULAS[name], settings, numerator, denominator, contributions: cohortContributions(prepared, name, slice, start, end) };
      }
      series.push(point);
    }
  }
  return { metric: name, unit: 'ratio', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

/** A cohort customer's part of the numerator: all of today's MRR (NRR) or at most what it had (GRR). */
function share(name: RetentionMetric, before: number, after: number): number {
  return name === 'nrr' ? after : Math.min(before, after);
}

function cohortContributions(prepared: PreparedMatrix, name: RetentionMetric, slice: number, start: number, end: number): MovementContribution[] {
  const { matrix } = prepared;
  return rowsOfSlice(prepared, slice, (row) => valueAt(matrix, row, start) > 0).map((row) => {
    const startMinor = valueAt(matrix, row, start);
    const endMinor = valueAt(matrix, row, end);
    const movement = classifyMovement(startMinor, endMinor, true) ?? 'flat';
    return { ...customerOf(prepared, row), movement, startMinor, endMinor, amountMinor: share(name, startMinor, endMinor) };
  });
}
