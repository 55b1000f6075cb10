import type { Ctx } from '../shared/context.ts';
import { lastDateOfMonth } from './month-numbers.ts';
import { snapshotContributions, valueAt } from './explain-mrr.ts';
import type { MetricResult, SeriesPoint, Unit } from './metric-types.ts';
import { periodEndMonths, prepareMatrix, type PreparedMatrix } from './prepare-matrix.ts';
import { roundedQuotient } from './ratio.ts';
import { explainSettings, type ReportRequest } from './report-request.ts';

export const STOCK_METRICS = ['mrr', 'arr', 'customers', 'arpa'] as const;
export type StockMetric = (typeof STOCK_METRICS)[number];

const UNIT: Record<StockMetric, Unit> = { mrr: 'money', arr: 'money', customers: 'count', arpa: 'money' };
const MRR_RULE = 'Σ over recurring items in effect that day of price × quantity × (1 − discount) ÷ interval months, rounded half-up per item; trials, pauses, one-time and usage excluded';
export const FORMULAS: Record<StockMetric, string> = {
  mrr: `MRR on the period's last day = ${MRR_RULE}`,
  arr: "ARR = 12 × MRR on the period's last day",
  customers: "customers = number of customers with MRR > 0 on the period's last day",
  arpa: "ARPA = MRR on the period's last day ÷ customers with MRR > 0 that day, rounded half-even to minor units",
};

export async function stockMetric(ctx: Ctx, name: StockMetric, request: ReportRequest): Promise<MetricResult> {
  const prepared = await prepareMatrix(ctx, request, periodEndMonths(request));
  return stockResult(prepared, name, request);
}

/** Stock figures read the matrix at each period end (snapshot k = period k). */
export function stockResult(prepared: PreparedMatrix, name: StockMetric, request: ReportRequest): MetricResult {
  const { matrix, slices } = prepared;
  const columns = matrix.snapshotMonths.length;
  const totals = new Float64Array(columns * slices.count);
  const customers = new Float64Array(columns * slices.count);
  for (let row = 0; row < matrix.rowCount; row += 1) {
    const slice = slices.ofRow[row] ?? 0;
    for (let k = 0; k < columns; k += 1) {
      const value = valueAt(matrix, row, k);
      if (value === 0) continue;
      totals[k * slices.count + slice] = (totals[k * slices.count + slice] ?? 0) + value;
      customers[k * slices.count + slice] = (customers[k * slices.count + slice] ?? 0) + 1;
    }
  }
  const series: SeriesPoint[] = [];
  request.periods.forEach((period, k) => {
    for (const slice of prepared.shown) {
      const mrrMinor = totals[k * slices.count + slice] ?? 0;
      const count = customers[k * slices.count + slice] ?? 0;
      const point: SeriesPoint = { period: period.key, ...slices.keys[slice], ...figure(name, mrrMinor, count) };
      if (request.explain) {
        const settings = explainSettings(request, period, { snapshotDate: lastDateOfMonth(period.endMonth) });
        const contributions = snapshotContributions(prepared, slice, k, name === 'arr' ? 12 : 1);
        point.explain = { formula: FORMULAS[name], settings, contributions, ...(name === 'arpa' ? { numerator: mrrMinor, denominator: count } : {}) };
      }
      series.push(point);
    }
  });
  return { metric: name, unit: UNIT[name], ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

function figure(name: StockMetric, mrrMinor: number, customers: number): { value: number | null; [extra: string]: number | null } {
  switch (name) {
    case 'mrr': return { value: mrrMinor, customers };
    case 'arr': return { value: 12 * mrrMinor, mrrMinor };
    case 'customers': return { value: customers };
    case 'arpa': return { value: roundedQuotient(mrrMinor, customers), mrrMinor, customers };
  }
}
