import type { Ctx } from '../shared/context.ts';
import { divideRounded } from '../shared/money.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadClosedDeals, type ClosedDeal } from './load-closed-deals.ts';
import type { MetricResult, OpportunityContribution, SeriesPoint, Unit } from './metric-types.ts';
import { daysBetween } from './month-numbers.ts';
import { conversionOf, figureCurrencies, figureCurrency, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { mean, median, ratio } from './ratio.ts';
import { explainOf, groupRecords, ownedBreakdown, pointBase, type RecordGroup } from './record-groups.ts';
import { ownerScopeKey, type ReportRequest } from './report-request.ts';
import { memoInRequest } from './request-memo.ts';

/** Sales figures over closed opportunities by close date, beside win-rate, sales-cycle-days and bookings (deal-metrics.ts). */
export const CLOSED_DEAL_METRICS = ['win-loss-ratio', 'average-deal-size', 'time-to-close'] as const;
export type ClosedDealMetric = (typeof CLOSED_DEAL_METRICS)[number];

export const CLOSED_DEAL_UNITS: Record<ClosedDealMetric, Unit> = { 'win-loss-ratio': 'ratio', 'average-deal-size': 'money', 'time-to-close': 'days' };
export const CLOSED_DEAL_FORMULAS: Record<ClosedDealMetric, string> = {
  'win-loss-ratio': 'won ÷ lost, opportunities by close date (by count)',
  'average-deal-size': 'Σ amount of won opportunities ÷ their number, by close date, per currency, rounded half-even to minor units',
  'time-to-close': 'days from the first stage entry (UTC date) to the close date, won and lost opportunities by close date; value = mean',
};

export async function closedDealMetric(ctx: Ctx, name: ClosedDealMetric, request: ReportRequest): Promise<MetricResult> {
  const segmentOf = ownedBreakdown<ClosedDeal>(request, name);
  const deals = await memoInRequest(ctx, ['closed-deals', request.periods, request.asOf ?? null, ownerScopeKey(request.ownerScope)], () => loadClosedDeals(ctx, request.periods, request.asOf ?? null, request.ownerScope));
  const book = name === 'average-deal-size' ? await rateBookFor(ctx, request, deals.map(dated)) : null;
  const groups = groupRecords(deals, request, (deal) => deal.closeDate, segmentOf);
  const currencies = figureCurrencies(deals.filter((d) => d.won), request);
  const series = groups.flatMap((group) => pointsOf(name, group, request, book, currencies));
  return { metric: name, unit: CLOSED_DEAL_UNITS[name], ...(request.reportingCurrency && name === 'average-deal-size' ? { currency: request.reportingCurrency } : {}), series };
}

function pointsOf(name: ClosedDealMetric, group: RecordGroup<ClosedDeal>, request: ReportRequest, book: RateBook | null, currencies: string[]): SeriesPoint[] {
  const explain = (deals: readonly ClosedDeal[], extra: { numerator?: number; denominator?: number } = {}) =>
    explainOf(request, group.period, () => ({ formula: CLOSED_DEAL_FORMULAS[name], ...extra, contributions: deals.map((d) => dealContribution(d, book)) }), { timeBasis: 'close_date' });
  const won = group.records.filter((deal) => deal.won);
  if (name === 'win-loss-ratio') {
    const lostCount = group.records.length - won.length;
    return [{ ...pointBase(group), value: ratio(won.length, lostCount), wonCount: won.length, lostCount, ...explain(group.records, { numerator: won.length, denominator: lostCount }) }];
  }
  if (name === 'time-to-close') {
    const days = group.records.map(closeDays);
    return [{ ...pointBase(group), value: mean(days), mean: mean(days), median: median(days), count: days.length, wonCount: won.length, lostCount: days.length - won.length, ...explain(group.records) }];
  }
  return currencies.map((currency) => {
    const deals = won.filter((deal) => figureCurrency(deal, book) === currency);
    const wonMinor = totalIn(deals.map(dated), book);
    const value = deals.length === 0 ? null : jsonMinor(divideRounded(wonMinor, BigInt(deals.length), 'half_even'));
    return { ...pointBase(group), currency, value, wonMinor: jsonMinor(wonMinor), count: deals.length, ...explain(deals, { numerator: jsonMinor(wonMinor), denominator: deals.length }) };
  });
}

/** A deal closed before its first recorded stage (a data error) counts 0 days, as in sales-cycle-days. */
export function closeDays(deal: ClosedDeal): number {
  return Math.max(0, daysBetween(deal.firstStageDate, deal.closeDate));
}

export const dated = (deal: ClosedDeal) => ({ amountMinor: deal.amountMinor, currency: deal.currency, date: deal.closeDate });

export function dealContribution(deal: ClosedDeal, book: RateBook | null): OpportunityContribution {
  return {
    opportunityId: deal.id, accountId: deal.accountId, status: deal.won ? 'won' : 'lost', closeDate: deal.closeDate,
    amountMinor: jsonMinor(deal.amountMinor), currency: deal.currency, days: closeDays(deal), ...conversionOf(dated(deal), book),
  };
}

