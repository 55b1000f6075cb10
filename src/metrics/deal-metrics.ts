import type { Ctx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import { convertMinor } from './fx-convert.ts';
import { loadRateBook, type RateBook } from './fx-rate-book.ts';
import { loadClosedDeals, type ClosedDeal } from './load-closed-deals.ts';
import type { MetricResult, OpportunityContribution, SeriesPoint, Unit } from './metric-types.ts';
import { daysBetween } from './month-numbers.ts';
import { periodIndexOfDate, type Period } from './periods.ts';
import { mean, median, ratio } from './ratio.ts';
import { explainSettings, ownerScopeKey, type ReportRequest } from './report-request.ts';
import { memoInRequest } from './request-memo.ts';

export const DEAL_METRICS = ['win-rate', 'sales-cycle-days', 'bookings'] as const;
export type DealMetric = (typeof DEAL_METRICS)[number];

const UNIT: Record<DealMetric, Unit> = { 'win-rate': 'ratio', 'sales-cycle-days': 'days', bookings: 'money' };
export const DEAL_FORMULAS: Record<DealMetric, string> = {
  'win-rate': 'won ÷ (won + lost), opportunities by close date; value by count, byValue by amount per currency',
  'sales-cycle-days': "days from the first stage entry (UTC date) to the close date, won opportunities by close date; value = mean",
  bookings: 'Σ amount of won opportunities by close date, per currency',
};

type Group = { period: Period; p: number; segment: string | null | undefined; deals: ClosedDeal[] };

export async function dealMetric(ctx: Ctx, name: DealMetric, request: ReportRequest): Promise<MetricResult> {
  if (request.breakdown === 'plan') {
    throw new AppError('validation_failed', 'querystring.segment: opportunities have no plan; use segment, country or industry', {
      fieldErrors: [{ field: 'querystring.segment', message: 'plan applies to subscription metrics only' }],
    });
  }
  const deals = await memoInRequest(ctx, ['closed-deals', request.periods, request.asOf ?? null, ownerScopeKey(request.ownerScope)], () => loadClosedDeals(ctx, request.periods, request.asOf ?? null, request.ownerScope));
  const needsRates = request.reportingCurrency !== null && name !== 'sales-cycle-days' && deals.length > 0;
  const book = needsRates && request.reportingCurrency
    ? await loadRateBook(ctx, [...new Set(deals.map((d) => d.currency))], request.reportingCurrency, deals[0]?.closeDate ?? '', deals[deals.length - 1]?.closeDate ?? '')
    : null;
  return dealResult(name, deals, request, book);
}

export function dealResult(name: DealMetric, deals: readonly ClosedDeal[], request: ReportRequest, book: RateBook | null): MetricResult {
  // Bookings list every currency with won deals in the range in every period, so each series is continuous.
  const currencies = book ? [book.reportingCurrency] : [...new Set(deals.filter((d) => d.won).map((d) => d.currency))].sort();
  const series = groupDeals(deals, request).flatMap((group) => pointsOf(name, group, { request, book, currencies }));
  return { metric: name, unit: UNIT[name], ...(request.reportingCurrency && name !== 'sales-cycle-days' ? { currency: request.reportingCurrency } : {}), series };
}

/** Every period × every breakdown value seen in the range, so each series is continuous. */
function groupDeals(deals: readonly ClosedDeal[], request: ReportRequest): Group[] {
  const breakdown = request.breakdown === 'plan' ? null : request.breakdown;
  const valueOf = (deal: ClosedDeal) => (breakdown === null ? undefined : breakdown === 'owner' ? deal.ownerUserId : deal[breakdown]);
  const values = [...new Set(deals.map(valueOf))].sort((a, b) => ((a ?? '\uffff') < (b ?? '\uffff') ? -1 : 1));
  const groups = request.periods.flatMap((period, p) => values.map((segment): Group => ({ period, p, segment, deals: [] })));
  for (const deal of deals) {
    const p = periodIndexOfDate(request.periods, deal.closeDate);
    groups[p * values.length + values.indexOf(valueOf(deal))]?.deals.push(deal);
  }
  return groups;
}

type Context = { request: ReportRequest; book: RateBook | null; currencies: string[] };

function pointsOf(name: DealMetric, group: Group, { request, book, currencies }: Context): SeriesPoint[] {
  const base = { period: group.period.key, ...(group.segment === undefined ? {} : { segment: group.segment }) };
  const explain = (deals: ClosedDeal[], extra: Partial<SeriesPoint['explain']> = {}) => (request.explain
    ? { explain: { formula: DEAL_FORMULAS[name], settings: explainSettings(request, group.period, { timeBasis: 'close_date' }), contributions: deals.map((d) => contributionOf(d, book)), ...extra } }
    : {});
  const won = group.deals.filter((deal) => deal.won);
  if (name === 'sales-cycle-days') {
    const days = won.map(cycleDays);
    return [{ ...base, value: mean(days), mean: mean(days), median: median(days), count: days.length, ...explain(won) }];
  }
  if (name === 'bookings') {
    return currencies.map((currency) => {
      const deals = won.filter((deal) => (book ? book.reportingCurrency : deal.currency) === currency);
      return { ...base, currency, value: totalIn(deals, book), count: deals.length, ...explain(deals) };
    });
  }
  const lostCount = group.deals.length - won.length;
  const byValue = byCurrency(group.deals, book).map(([currency, deals]) => {
    const wonMinor = totalIn(deals.filter((d) => d.won), book);
    const lostMinor = totalIn(deals.filter((d) => !d.won), book);
    return { currency, value: ratio(wonMinor, wonMinor + lostMinor), wonMinor, lostMinor };
  });
  const value = ratio(won.length, group.deals.length);
  return [{ ...base, value, wonCount: won.length, lostCount, byValue, ...explain(group.deals, { numerator: won.length, denominator: group.deals.length }) }];
}

/** A deal closed before its first recorded stage (a data error) counts 0 days, not negative ones. */
function cycleDays(deal: ClosedDeal): number {
  return Math.max(0, daysBetween(deal.firstStageDate, deal.closeDate));
}

function byCurrency(deals: readonly ClosedDeal[], book: RateBook | null): Array<[string, ClosedDeal[]]> {
  const groups = new Map<string, ClosedDeal[]>();
  for (const deal of deals) {
    const currency = book?.reportingCurrency ?? deal.currency;
    groups.set(currency, [...(groups.get(currency) ?? []), deal]);
  }
  return [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The deal's amount in the figure's currency: its own, or converted at the close date's rate (rounded once, half-even). */
function amountIn(deal: ClosedDeal, book: RateBook | null): bigint {
  if (!book || deal.currency === book.reportingCurrency) return deal.amountMinor;
  return convertMinor(deal.amountMinor, book.rateFor(deal.currency, deal.closeDate));
}

/** Summed as bigint; JSON carries numbers, so a total beyond 2^53 minor units is refused rather than rounded. */
function totalIn(deals: readonly ClosedDeal[], book: RateBook | null): number {
  const total = deals.reduce((sum, deal) => sum + amountIn(deal, book), 0n);
  assert(total <= BigInt(Number.MAX_SAFE_INTEGER), `a total of ${total} minor units is beyond exact JSON numbers`);
  return Number(total);
}

function contributionOf(deal: ClosedDeal, book: RateBook | null): OpportunityContribution {
  const contribution: OpportunityContribution = {
    opportunityId: deal.id, accountId: deal.accountId, status: deal.won ? 'won' : 'lost', closeDate: deal.closeDate,
    amountMinor: Number(deal.amountMinor), currency: deal.currency, ...(deal.won ? { days: cycleDays(deal) } : {}),
  };
  if (book && deal.currency !== book.reportingCurrency) {
    contribution.convertedMinor = Number(amountIn(deal, book));
    contribution.rate = book.rateFor(deal.currency, deal.closeDate).text;
  }
  return contribution;
}
