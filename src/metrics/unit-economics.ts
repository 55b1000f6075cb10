import type { Ctx } from '../shared/context.ts';
import { divideRounded, parseDecimal } from '../shared/money.ts';
import { movementContributions } from './explain-mrr.ts';
import { lastDateOfMonth } from './month-numbers.ts';
import { computeBridges, type Bridge } from './movements.ts';
import type { MetricResult, SeriesPoint, Unit } from './metric-types.ts';
import { planPeriods } from './periods.ts';
import { bridgeMonths, prepareMatrix } from './prepare-matrix.ts';
import { ratio } from './ratio.ts';
import { explainSettings, type ReportRequest } from './report-request.ts';

export const UNIT_ECONOMICS_METRICS = ['quick-ratio', 'ltv', 'gross-margin-ltv'] as const;
export type UnitEconomicsMetric = (typeof UNIT_ECONOMICS_METRICS)[number];
export const UNIT_ECONOMICS_UNITS: Record<UnitEconomicsMetric, Unit> = { 'quick-ratio': 'ratio', ltv: 'money', 'gross-margin-ltv': 'money' };
export const UNIT_ECONOMICS_FORMULAS: Record<UnitEconomicsMetric, string> = {
  'quick-ratio': 'SaaS Quick Ratio = (new + expansion + reactivation) ÷ (contraction + churn), MRR movements of the period',
  ltv: "LTV = ARPA at the period's end ÷ monthly customer churn rate (Σ customers churned ÷ Σ customers at the start, over the period's months)",
  'gross-margin-ltv': 'gross-margin LTV = ARPA × gross margin ÷ monthly customer churn rate',
};

export async function unitEconomicsMetric(ctx: Ctx, name: UnitEconomicsMetric, request: ReportRequest): Promise<MetricResult> {
  return name === 'quick-ratio' ? quickRatio(ctx, request) : lifetimeValue(ctx, name, request);
}

async function quickRatio(ctx: Ctx, request: ReportRequest): Promise<MetricResult> {
  const prepared = await prepareMatrix(ctx, request, bridgeMonths(request));
  const bridges = computeBridges(prepared.matrix, prepared.slices);
  const series = request.periods.flatMap((period, p) => prepared.shown.map((slice): SeriesPoint => {
    const b = bridges[p]?.[slice] as Bridge;
    const numerator = b.newMinor + b.expansionMinor + b.reactivationMinor;
    const denominator = b.contractionMinor + b.churnMinor;
    const point: SeriesPoint = { period: period.key, ...prepared.slices.keys[slice], value: ratio(numerator, denominator), numerator, denominator };
    if (request.explain) {
      const settings = explainSettings(request, period, { startSnapshotDate: lastDateOfMonth(period.startMonth - 1), endSnapshotDate: lastDateOfMonth(period.endMonth) });
      point.explain = { formula: UNIT_ECONOMICS_FORMULAS['quick-ratio'], settings, numerator, denominator, contributions: movementContributions(prepared, slice, p + 1) };
    }
    return point;
  }));
  return { metric: 'quick-ratio', unit: 'ratio', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

/**
 * Churn is taken month by month whatever the interval, so a quarter's LTV uses the same monthly
 * rate as its months would (a quarterly churn rate under a monthly ARPA would overstate LTV 3×).
 * LTV = mrrEnd × Σstart ÷ (customersEnd × Σchurned) × margin, exact, rounded once half-even;
 * null without customers at the end or without churn in the period (lifetime unbounded).
 */
async function lifetimeValue(ctx: Ctx, name: 'ltv' | 'gross-margin-ltv', request: ReportRequest): Promise<MetricResult> {
  const monthly: ReportRequest = { ...request, interval: 'month', periods: planPeriods(request.from, request.to, 'month') };
  const prepared = await prepareMatrix(ctx, monthly, bridgeMonths(monthly));
  const bridges = computeBridges(prepared.matrix, prepared.slices);
  const margin = name === 'ltv' ? { coefficient: 1n, scale: 0 } : parseDecimal(request.grossMargin);
  const firstMonth = monthly.periods[0]?.startMonth ?? 0;
  const series = request.periods.flatMap((period) => prepared.shown.map((slice): SeriesPoint => {
    const months = Array.from({ length: period.endMonth - period.startMonth + 1 }, (_, i) => bridges[period.startMonth - firstMonth + i]?.[slice] as Bridge);
    const last = months[months.length - 1] as Bridge;
    const churned = months.reduce((sum, b) => sum + b.customersChurned, 0);
    const started = months.reduce((sum, b) => sum + b.customersStart, 0);
    const denominator = BigInt(last.customersEnd) * BigInt(churned) * 10n ** BigInt(margin.scale);
    const value = denominator === 0n ? null : Number(divideRounded(BigInt(last.mrrEndMinor) * BigInt(started) * margin.coefficient, denominator, 'half_even'));
    const arpaMinor = last.customersEnd === 0 ? null : Number(divideRounded(BigInt(last.mrrEndMinor), BigInt(last.customersEnd), 'half_even'));
    const point: SeriesPoint = {
      period: period.key, ...prepared.slices.keys[slice], value, arpaMinor, mrrMinor: last.mrrEndMinor, customers: last.customersEnd,
      monthlyChurnRate: ratio(churned, started), customersChurned: churned, customerMonths: started, ...(name === 'gross-margin-ltv' ? { grossMargin: request.grossMargin } : {}),
    };
    if (request.explain) {
      const settings = explainSettings(request, period, { snapshotDate: lastDateOfMonth(period.endMonth), grossMargin: name === 'ltv' ? '1' : request.grossMargin });
      const first = period.startMonth - firstMonth;
      const contributions = months.flatMap((_, i) => movementContributions(prepared, slice, first + i + 1).filter((c) => c.movement === 'churn'));
      point.explain = { formula: UNIT_ECONOMICS_FORMULAS[name], settings, numerator: churned, denominator: started, contributions };
    }
    return point;
  }));
  return { metric: name, unit: 'money', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}
