import { AGING_BUCKETS } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { divideRounded } from '../shared/money.ts';
import { breakdownValueOf, breakdownValues, recordContribution } from './finance-series.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadBillingDocuments, type BillingDocument } from './load-billing-documents.ts';
import { loadReceivables, type Receivable } from './load-receivables.ts';
import type { Contribution, MetricResult, SeriesPoint, Unit } from './metric-types.ts';
import { figureCurrencies, figureCurrency, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { daysBetween, firstDateOfMonth, lastDateOfMonth } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { explainOf, type AccountAttributes } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';
import { memoInRequest } from './request-memo.ts';

export const RECEIVABLE_METRICS = ['ar-balance', 'ar-aging', 'dso', 'dso-countback'] as const;
export type ReceivableMetric = (typeof RECEIVABLE_METRICS)[number];
export const RECEIVABLE_UNITS: Record<ReceivableMetric, Unit> = { 'ar-balance': 'money', 'ar-aging': 'money', dso: 'days', 'dso-countback': 'days' };
export const RECEIVABLE_FORMULAS: Record<ReceivableMetric, string> = {
  'ar-balance': 'Σ amount due of issued invoices at the end of the period’s last day (incl. tax), with the aging buckets beside it',
  'ar-aging': 'AR at the end of the period’s last day per bucket of days past due: current (≤ 0), 1–30, 31–60, 61–90, over 90',
  dso: 'AR at the period end ÷ billings incl. tax in the period × days in the period, 2 decimals half-even',
  'dso-countback': 'days of the months, latest first, whose billings incl. tax the AR at the period end covers in full, plus the covered fraction of the next month’s days',
};
// Countback walks back at most this many months: AR older than three years is a collections case, not a DSO input.
const COUNTBACK_MONTHS = 36;

type Slice = { period: Period; segment: string | null | undefined; currency: string; receivables: Receivable[]; arMinor: bigint };
type Context = { request: ReportRequest; book: RateBook | null; documents: BillingDocument[]; inSlice: (record: AccountAttributes & { currency: string }, slice: Slice) => boolean };

/** Balances at each period end (month and longer): AR, its aging, and days sales outstanding. */
export async function receivableMetric(ctx: Ctx, name: ReceivableMetric, request: ReportRequest): Promise<MetricResult> {
  const valueOf = breakdownValueOf(request, name);
  const asOf = request.asOf ?? null;
  const endDates = request.periods.map((period) => period.endDate);
  const receivables = await memoInRequest(ctx, ['receivables', endDates, asOf], () => loadReceivables(ctx, endDates, asOf));
  const first = request.periods[0];
  const last = request.periods[request.periods.length - 1];
  const fromDate = first ? (name === 'dso-countback' ? firstDateOfMonth(Math.min(first.startMonth, first.endMonth - COUNTBACK_MONTHS + 1)) : first.startDate) : '';
  const documents = name === 'dso' || name === 'dso-countback' ? await memoInRequest(ctx, ['billing-documents', fromDate, last?.endDate ?? '', asOf], () => loadBillingDocuments(ctx, fromDate, last?.endDate ?? '', asOf)) : [];
  const everything = [...receivables.flat(), ...documents];
  const book = await rateBookFor(ctx, request, everything);
  const segments = request.breakdown === null ? [undefined] : breakdownValues(everything, valueOf);
  const context: Context = { request, book, documents, inSlice: (record, slice) => valueOf(record) === slice.segment && figureCurrency(record, book) === slice.currency };
  const series = request.periods.flatMap((period, p) => segments.flatMap((segment) => figureCurrencies(everything, request).flatMap((currency) => {
    const slice: Slice = { period, segment, currency, receivables: [], arMinor: 0n };
    slice.receivables = (receivables[p] ?? []).filter((r) => context.inSlice(r, slice));
    slice.arMinor = totalIn(slice.receivables, book);
    return pointsOf(name, slice, context);
  })));
  return { metric: name, unit: RECEIVABLE_UNITS[name], ...(request.reportingCurrency && RECEIVABLE_UNITS[name] === 'money' ? { currency: request.reportingCurrency } : {}), series };
}

function pointsOf(name: ReceivableMetric, slice: Slice, context: Context): SeriesPoint[] {
  const { request, book } = context;
  const base = { period: slice.period.key, ...(slice.segment === undefined ? {} : { segment: slice.segment }), currency: slice.currency };
  const arContributions = (records: Receivable[]) => records.map((r) => recordContribution(r, book, { part: 'ar', number: r.number, accountId: r.accountId, dueDate: r.dueDate, daysPastDue: r.daysPastDue, bucket: r.bucket }));
  const bucketTotal = (bucket: string) => totalIn(slice.receivables.filter((r) => r.bucket === bucket), book);
  const settings = { timeBasis: 'period_end_balance', asOfDate: slice.period.endDate };
  if (name === 'ar-aging') {
    return AGING_BUCKETS.map((bucket) => {
      const records = slice.receivables.filter((r) => r.bucket === bucket);
      return { ...base, bucket, value: jsonMinor(bucketTotal(bucket)), count: records.length, ...explainOf(request, slice.period, () => ({ formula: RECEIVABLE_FORMULAS[name], contributions: arContributions(records) }), settings) };
    });
  }
  if (name === 'ar-balance') {
    const buckets = Object.fromEntries(AGING_BUCKETS.map((bucket) => [`${bucket}Minor`, jsonMinor(bucketTotal(bucket))]));
    return [{ ...base, value: jsonMinor(slice.arMinor), count: slice.receivables.length, ...buckets, ...explainOf(request, slice.period, () => ({ formula: RECEIVABLE_FORMULAS[name], contributions: arContributions(slice.receivables) }), settings) }];
  }
  const billed = (fromDate: string, toDate: string) => context.documents.filter((d) => d.date >= fromDate && d.date <= toDate && context.inSlice(d, slice)).map((d) => ({ ...d, amountMinor: d.grossMinor }));
  const billingContributions = (records: BillingDocument[]) => records.map((d) => recordContribution(d, book, { part: 'billings', number: d.number, accountId: d.accountId }));
  if (name === 'dso') {
    const documents = billed(slice.period.startDate, slice.period.endDate);
    const billedMinor = totalIn(documents, book);
    const days = daysBetween(slice.period.startDate, slice.period.endDate) + 1;
    const value = billedMinor > 0n ? Number(divideRounded(slice.arMinor * BigInt(days) * 100n, billedMinor, 'half_even')) / 100 : null;
    const contributions = (): Contribution[] => [...arContributions(slice.receivables), ...billingContributions(documents)];
    return [{ ...base, value, arMinor: jsonMinor(slice.arMinor), billedMinor: jsonMinor(billedMinor), days, ...explainOf(request, slice.period, () => ({ formula: RECEIVABLE_FORMULAS[name], numerator: jsonMinor(slice.arMinor), denominator: jsonMinor(billedMinor), contributions: contributions() }), settings) }];
  }
  const countback = countBack(slice, billed, book);
  const contributions = (): Contribution[] => [...arContributions(slice.receivables), ...billingContributions(countback.documents)];
  return [{ ...base, value: countback.value, arMinor: jsonMinor(slice.arMinor), monthsCounted: countback.months, uncoveredMinor: jsonMinor(countback.uncoveredMinor), ...explainOf(request, slice.period, () => ({ formula: RECEIVABLE_FORMULAS[name], contributions: contributions() }), settings) }];
}

/**
 * Countback: from the period's last month backwards, each month whose billings the remaining AR
 * covers counts all its days and takes its billings off; the first month it does not cover counts
 * remaining ÷ billings of its days, exactly, rounded once (2 decimals, half-even). A month without
 * (or with net negative) billings counts whole and takes nothing off. AR left after 36 months is
 * reported as `uncoveredMinor`.
 */
function countBack(slice: Slice, billed: (fromDate: string, toDate: string) => BillingDocument[], book: RateBook | null) {
  let remaining = slice.arMinor;
  let wholeDays = 0n;
  let months = 0;
  const documents: BillingDocument[] = [];
  for (let i = 0; i < COUNTBACK_MONTHS && remaining > 0n; i += 1) {
    months = i + 1;
    const month = slice.period.endMonth - i;
    const monthDays = BigInt(daysBetween(firstDateOfMonth(month), lastDateOfMonth(month)) + 1);
    const records = billed(firstDateOfMonth(month), lastDateOfMonth(month));
    const monthMinor = totalIn(records, book);
    documents.push(...records);
    if (monthMinor > 0n && remaining < monthMinor) {
      const value = Number(divideRounded((wholeDays * monthMinor + remaining * monthDays) * 100n, monthMinor, 'half_even')) / 100;
      return { value, months, uncoveredMinor: 0n, documents };
    }
    wholeDays += monthDays;
    if (monthMinor > 0n) remaining -= monthMinor;
  }
  return { value: Number(wholeDays), months, uncoveredMinor: remaining, documents };
}
