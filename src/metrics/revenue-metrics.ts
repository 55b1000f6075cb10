import type { Ctx } from '../shared/context.ts';
import { postingFields } from './finance-flow-metrics.ts';
import { breakdownValueOf, breakdownValues, recordContribution } from './finance-series.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadRevenuePostings, type RevenuePosting } from './load-revenue-postings.ts';
import type { MetricResult, SeriesPoint, Unit } from './metric-types.ts';
import { figureCurrencies, figureCurrency, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { firstDateOfMonth, lastDateOfMonth } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { ratio } from './ratio.ts';
import { explainOf } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const REVENUE_METRICS = ['operating-revenue-share', 'revenue-growth'] as const;
export type RevenueMetric = (typeof REVENUE_METRICS)[number];
export const REVENUE_UNITS: Record<RevenueMetric, Unit> = { 'operating-revenue-share': 'ratio', 'revenue-growth': 'ratio' };
export const REVENUE_FORMULAS: Record<RevenueMetric, string> = {
  'operating-revenue-share': 'operating revenue (4000, 4100, 4200) ÷ total revenue (every revenue account except FX gain/loss), ledger postings by entry date',
  'revenue-growth': '(recognized revenue of the period − of the previous period) ÷ previous period; yoy: against the same period a year earlier; null when the base is ≤ 0',
};

type Window = { key: 'current' | 'previous' | 'yearAgo'; startDate: string; endDate: string };
type Slice = { period: Period; segment: string | null | undefined; currency: string; postings: RevenuePosting[] };

/** Ratios on the ledger's revenue postings: the operating share, and growth period over period and year over year. */
export async function revenueMetric(ctx: Ctx, name: RevenueMetric, request: ReportRequest): Promise<MetricResult> {
  const first = request.periods[0];
  const last = request.periods[request.periods.length - 1];
  if (!first || !last) return { metric: name, unit: REVENUE_UNITS[name], series: [] };
  const valueOf = breakdownValueOf(request, name);
  // Growth looks back one period (at most a whole report's length for `all`) and one year.
  const span = first.endMonth - first.startMonth + 1;
  const fromDate = name === 'revenue-growth' ? firstDateOfMonth(first.startMonth - Math.max(span, 12)) : first.startDate;
  const all = await loadRevenuePostings(ctx, fromDate, last.endDate, request.asOf ?? null);
  const postings = name === 'revenue-growth' ? all.filter((p) => p.operating) : all;
  const book = await rateBookFor(ctx, request, postings);
  const segments = request.breakdown === null ? [undefined] : breakdownValues(postings, valueOf);
  const series = request.periods.flatMap((period) => segments.flatMap((segment) => figureCurrencies(postings, request).map((currency) => {
    const slice: Slice = { period, segment, currency, postings: postings.filter((p) => valueOf(p) === segment && figureCurrency(p, book) === currency) };
    return name === 'revenue-growth' ? growthPoint(slice, request, book) : sharePoint(slice, request, book);
  })));
  return { metric: name, unit: REVENUE_UNITS[name], ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

function pointBase(slice: Slice) {
  return { period: slice.period.key, ...(slice.segment === undefined ? {} : { segment: slice.segment }), currency: slice.currency };
}

function sharePoint(slice: Slice, request: ReportRequest, book: RateBook | null): SeriesPoint {
  const inPeriod = slice.postings.filter((p) => p.date >= slice.period.startDate && p.date <= slice.period.endDate);
  const operatingMinor = jsonMinor(totalIn(inPeriod.filter((p) => p.operating), book));
  const totalMinor = jsonMinor(totalIn(inPeriod, book));
  const contributions = inPeriod.map((p) => recordContribution(p, book, postingFields(p)));
  return {
    ...pointBase(slice), value: ratio(operatingMinor, totalMinor), operatingMinor, totalMinor, nonOperatingMinor: totalMinor - operatingMinor,
    ...explainOf(request, slice.period, { formula: REVENUE_FORMULAS['operating-revenue-share'], numerator: operatingMinor, denominator: totalMinor, contributions }, { timeBasis: 'entry_date' }),
  };
}

function growthPoint(slice: Slice, request: ReportRequest, book: RateBook | null): SeriesPoint {
  const { period } = slice;
  const span = period.endMonth - period.startMonth + 1;
  const windows: Window[] = [
    { key: 'current', startDate: period.startDate, endDate: period.endDate },
    { key: 'previous', startDate: firstDateOfMonth(period.startMonth - span), endDate: lastDateOfMonth(period.startMonth - 1) },
    { key: 'yearAgo', startDate: firstDateOfMonth(period.startMonth - 12), endDate: lastDateOfMonth(period.endMonth - 12) },
  ];
  const of = (window: Window) => slice.postings.filter((p) => p.date >= window.startDate && p.date <= window.endDate);
  const [current, previous, yearAgo] = windows.map((window) => jsonMinor(totalIn(of(window), book))) as [number, number, number];
  const growth = (base: number) => (base > 0 ? ratio(current - base, base) : null);
  const contributions = windows.slice(0, 2).flatMap((window) => of(window).map((p) => recordContribution(p, book, { window: window.key, ...postingFields(p) })));
  return {
    ...pointBase(slice), value: growth(previous), currentMinor: current, previousMinor: previous, yoy: growth(yearAgo), yearAgoMinor: yearAgo,
    ...explainOf(request, period, { formula: REVENUE_FORMULAS['revenue-growth'], numerator: current - previous, denominator: previous, contributions },
      { timeBasis: 'entry_date', previousStartDate: windows[1]?.startDate ?? null, yearAgoStartDate: windows[2]?.startDate ?? null }),
  };
}
