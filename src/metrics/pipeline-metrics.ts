import type { OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { divideRounded } from '../shared/money.ts';
import { closeDays, dated, dealContribution } from './closed-deal-metrics.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadClosedDeals, type ClosedDeal } from './load-closed-deals.ts';
import { loadOpenPipelines, type OpenOpportunity } from './load-open-pipeline.ts';
import type { MetricResult, OpportunityContribution, SeriesPoint, Unit } from './metric-types.ts';
import { addDaysToDate } from './month-numbers.ts';
import { amountIn, conversionOf, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import type { Period } from './periods.ts';
import { findSalesTargets, type SalesTarget } from './plan-repo.ts';
import { mean, ratio } from './ratio.ts';
import { explainOf, ownedBreakdown } from './record-groups.ts';
import { ownerScopeKey, type ReportRequest } from './report-request.ts';
import { memoInRequest } from './request-memo.ts';

export const PIPELINE_METRICS = ['pipeline-value', 'pipeline-coverage', 'pipeline-velocity'] as const;
export type PipelineMetric = (typeof PIPELINE_METRICS)[number];
export const PIPELINE_UNITS: Record<PipelineMetric, Unit> = { 'pipeline-value': 'money', 'pipeline-coverage': 'ratio', 'pipeline-velocity': 'money' };
export const PIPELINE_FORMULAS: Record<PipelineMetric, string> = {
  'pipeline-value': "Σ amount of opportunities in an open stage at the end of the period's last day, per currency; weightedMinor = Σ amount × stage probability",
  'pipeline-coverage': 'open pipeline at the start of the period with a close date in the period ÷ the sales target of the period',
  'pipeline-velocity': '(open opportunities at the period end × average won deal size × win rate) ÷ mean sales cycle days, deals closed in the period; money per day',
};

type Snapshot = { period: Period; p: number; date: string; open: OpenOpportunity[] };
type Key = { segment?: string | null; currency: string };

export async function pipelineMetric(ctx: Ctx, name: PipelineMetric, request: ReportRequest): Promise<MetricResult> {
  const segmentOf = ownedBreakdown<OpenOpportunity | ClosedDeal>(request, name);
  const atStart = name === 'pipeline-coverage';
  const asOf = request.asOf ?? null;
  // A date's pipeline is what stood at the next day's 00:00 UTC; coverage looks at the period's first day before it begins.
  const dates = request.periods.map((period) => (atStart ? period.startDate : period.endDate));
  const ats = request.periods.map((period) => `${atStart ? period.startDate : addDaysToDate(period.endDate, 1)}T00:00:00.000Z`);
  const opens = await openPipelinesAt(ctx, ats, asOf, request.ownerScope);
  const snapshots: Snapshot[] = request.periods.map((period, p) => {
    const date = dates[p] ?? period.endDate;
    const open = opens[p] ?? [];
    return { period, p, date, open: atStart ? open.filter((o) => o.closeDate >= date && o.closeDate <= period.endDate) : open };
  });
  const deals = name === 'pipeline-velocity' ? await loadClosedDeals(ctx, request.periods, asOf, request.ownerScope) : [];
  const targets = atStart ? await loadTargets(ctx, request) : [];
  const amounts = [...snapshots.flatMap((s) => s.open.map((o) => ({ ...o, date: s.date }))), ...deals.map(dated), ...targets.map((t) => ({ ...t, date: t.monthDate }))];
  const book = await rateBookFor(ctx, request, amounts);
  const currencyOf = (c: { currency: string }) => book?.reportingCurrency ?? c.currency;
  const keyOf = (record: OpenOpportunity | ClosedDeal): Key => { const s = segmentOf(record); return s === undefined ? { currency: currencyOf(record) } : { segment: s, currency: currencyOf(record) }; };
  const targetKey = (t: SalesTarget): Key => (request.breakdown === null ? { currency: currencyOf(t) } : { segment: t.breakdownValue, currency: currencyOf(t) });
  const keys = sortedKeys([...snapshots.flatMap((s) => s.open.map(keyOf)), ...deals.map(keyOf), ...targets.map(targetKey)]);
  const same = (a: Key) => (b: Key) => a.currency === b.currency && a.segment === b.segment;
  const series = snapshots.flatMap((snapshot) => keys.map((key): SeriesPoint => {
    const open = snapshot.open.filter((o) => same(key)(keyOf(o)));
    const base = { period: snapshot.period.key, ...key };
    const explainOpen = (extra: { numerator?: number; denominator?: number } = {}) => explainOf(request, snapshot.period, () => ({
      formula: PIPELINE_FORMULAS[name], ...extra, contributions: open.map((o) => openContribution(o, snapshot.date, book)),
    }), { snapshotDate: snapshot.date });
    if (name === 'pipeline-value') return { ...base, ...pipelineValue(open, snapshot.date, book), ...explainOpen() };
    if (name === 'pipeline-coverage') {
      const pipelineMinor = jsonMinor(totalIn(open.map((o) => ({ ...o, date: snapshot.date })), book));
      const inPeriod = targets.filter((t) => same(key)(targetKey(t)) && t.monthDate >= snapshot.period.startDate && t.monthDate <= snapshot.period.endDate);
      const targetMinor = jsonMinor(inPeriod.reduce((sum, t) => sum + amountIn({ ...t, date: snapshot.date }, book), 0n));
      return { ...base, value: ratio(pipelineMinor, targetMinor), pipelineMinor, targetMinor, count: open.length, ...explainOpen({ numerator: pipelineMinor, denominator: targetMinor }) };
    }
    const closed = deals.filter((d) => same(key)(keyOf(d)) && d.closeDate >= snapshot.period.startDate && d.closeDate <= snapshot.period.endDate);
    return { ...base, ...velocity(open.length, closed, book), ...explainOf(request, snapshot.period, () => ({
      formula: PIPELINE_FORMULAS[name], contributions: [...open.map((o) => openContribution(o, snapshot.date, book)), ...closed.map((d) => dealContribution(d, book))],
    }), { snapshotDate: snapshot.date, timeBasis: 'close_date' }) };
  }));
  return { metric: name, unit: PIPELINE_UNITS[name], ...(request.reportingCurrency && name !== 'pipeline-coverage' ? { currency: request.reportingCurrency } : {}), series };
}

/**
 * The open pipeline at each instant, memoised per instant within a batch (request-memo.ts): the
 * instants not yet asked for are loaded together, in one loadOpenPipelines call (two statements),
 * so a report over all periods finds the last month end of the monthly report already loaded.
 */
async function openPipelinesAt(ctx: Ctx, ats: readonly string[], asOf: Date | null, scope: OwnerScope): Promise<OpenOpportunity[][]> {
  const missing: string[] = [];
  let load: Promise<OpenOpportunity[][]> | undefined;
  // memoInRequest calls the load at once on a miss; the shared load starts after every miss has been listed.
  const loadOf = (at: string) => {
    missing.push(at);
    load ??= Promise.resolve().then(() => loadOpenPipelines(ctx, missing.map((each) => new Date(each)), asOf, scope));
    return load.then((lists) => lists[missing.indexOf(at)] ?? []);
  };
  return Promise.all(ats.map((at) => memoInRequest(ctx, ['open-pipeline', at, asOf, ownerScopeKey(scope)], () => loadOf(at))));
}

function pipelineValue(open: readonly OpenOpportunity[], date: string, book: RateBook | null) {
  const amounts = open.map((o) => ({ amount: amountIn({ ...o, date }, book), bps: BigInt(o.probabilityBps) }));
  const value = amounts.reduce((sum, a) => sum + a.amount, 0n);
  // Weighted once on the total (half-even), so it does not depend on how many deals there are.
  const weighted = divideRounded(amounts.reduce((sum, a) => sum + a.amount * a.bps, 0n), 10_000n, 'half_even');
  return { value: jsonMinor(value), weightedMinor: jsonMinor(weighted), count: open.length };
}

/**
 * open × (wonMinor ÷ won) × (won ÷ closed) ÷ (Σdays ÷ won) = open × wonMinor × won ÷ (closed × Σdays),
 * computed exactly and rounded once (half-even) to minor units per day.
 */
function velocity(openCount: number, closed: readonly ClosedDeal[], book: RateBook | null) {
  const won = closed.filter((d) => d.won);
  const wonMinor = totalIn(won.map(dated), book);
  const days = won.map(closeDays);
  const totalDays = days.reduce((a, b) => a + b, 0);
  const denominator = BigInt(closed.length) * BigInt(totalDays);
  const value = denominator === 0n ? null : jsonMinor(divideRounded(BigInt(openCount) * wonMinor * BigInt(won.length), denominator, 'half_even'));
  const averageDealSizeMinor = won.length === 0 ? null : jsonMinor(divideRounded(wonMinor, BigInt(won.length), 'half_even'));
  return { value, openCount, averageDealSizeMinor, winRate: ratio(won.length, closed.length), salesCycleDays: mean(days), wonCount: won.length, lostCount: closed.length - won.length };
}

async function loadTargets(ctx: Ctx, request: ReportRequest): Promise<SalesTarget[]> {
  const first = request.periods[0];
  const last = request.periods[request.periods.length - 1];
  if (!first || !last) return [];
  const breakdown = request.breakdown === null || request.breakdown === 'plan' ? '' : request.breakdown;
  // Guard: pipeline-coverage does not list owner (computeMetric refuses it); targets have no owner.
  assert(breakdown !== 'owner', 'sales targets have no owner breakdown');
  return findSalesTargets(ctx, first.startDate, last.endDate, breakdown, request.asOf ?? null);
}

function sortedKeys(keys: readonly Key[]): Key[] {
  const text = (k: Key) => `${k.segment === undefined ? '' : (k.segment ?? '\uffff')}\u0000${k.currency}`;
  const unique = new Map(keys.map((k) => [text(k), k]));
  return [...unique.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, k]) => k);
}

function openContribution(o: OpenOpportunity, date: string, book: RateBook | null): OpportunityContribution {
  return {
    opportunityId: o.id, accountId: o.accountId, status: 'open' as const, ...(o.stage === null ? {} : { stage: o.stage }), probabilityBps: o.probabilityBps, closeDate: o.closeDate,
    amountMinor: jsonMinor(o.amountMinor), currency: o.currency, ...conversionOf({ ...o, date }, book),
  };
}
