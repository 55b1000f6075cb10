import type { Ctx } from '../shared/context.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadSourcedOpportunities, type SourcedOpportunity } from './load-sourced-opportunities.ts';
import type { MetricResult, RecordContribution, SeriesPoint, Unit } from './metric-types.ts';
import { conversionOf, figureCurrencies, figureCurrency, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { findSpendLines } from './plan-repo.ts';
import { ratio } from './ratio.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';
import { allowedBreakdown, explainOf, groupRecords, ownedBreakdown, pointBase } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const SOURCED_METRICS = ['marketing-sourced-pipeline', 'marketing-sourced-revenue', 'campaign-roi'] as const;
export type SourcedMetric = (typeof SOURCED_METRICS)[number];
export const SOURCED_UNITS: Record<SourcedMetric, Unit> = { 'marketing-sourced-pipeline': 'money', 'marketing-sourced-revenue': 'money', 'campaign-roi': 'ratio' };
export const SOURCED_FORMULAS: Record<SourcedMetric, string> = {
  'marketing-sourced-pipeline': 'Σ amount of marketing-sourced opportunities (a campaign on the opportunity or on the lead it came from) created in the period, per currency',
  'marketing-sourced-revenue': 'Σ amount of marketing-sourced opportunities won, by close date, per currency',
  'campaign-roi': '(Σ won amount sourced by the campaigns − Σ their cost) ÷ Σ their cost, campaigns by start date; cost = spend lines naming the campaign, else its actual cost',
};

const dated = (o: SourcedOpportunity, date: string) => ({ amountMinor: o.amountMinor, currency: o.currency, date });

export async function sourcedMetric(ctx: Ctx, name: SourcedMetric, request: ReportRequest): Promise<MetricResult> {
  if (name === 'campaign-roi') return campaignRoi(ctx, request);
  const segmentOf = ownedBreakdown<SourcedOpportunity>(request, name);
  const pipeline = name === 'marketing-sourced-pipeline';
  const opportunities = (await loadSourcedOpportunities(ctx, request.asOf ?? null, request.ownerScope)).filter((o) => pipeline || o.won);
  const dateOf = (o: SourcedOpportunity) => (pipeline ? o.createdDate : o.closeDate);
  const groups = groupRecords(opportunities, request, dateOf, segmentOf);
  const inRange = groups.flatMap((g) => g.records);
  const book = await rateBookFor(ctx, request, inRange.map((o) => dated(o, dateOf(o))));
  const currencies = figureCurrencies(inRange, request);
  const series = groups.flatMap((group) => currencies.map((currency): SeriesPoint => {
    const records = group.records.filter((o) => figureCurrency(o, book) === currency);
    const contributions = records.map((o) => opportunityContribution(o, dateOf(o), book));
    return { ...pointBase(group), currency, value: jsonMinor(totalIn(records.map((o) => dated(o, dateOf(o))), book)), count: records.length,
      ...explainOf(request, group.period, { formula: SOURCED_FORMULAS[name], contributions }, { timeBasis: pipeline ? 'first_stage_date' : 'close_date' }) };
  }));
  return { metric: name, unit: 'money', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

type CampaignCost = { id: string; name: string; startDate: string; costs: Array<{ amountMinor: bigint; currency: string; date: string }> };

async function campaignRoi(ctx: Ctx, request: ReportRequest): Promise<MetricResult> {
  allowedBreakdown(request, 'campaign-roi', []);
  const asOf = request.asOf ?? null;
  const campaigns = await loadCampaignCosts(ctx, asOf);
  const won = (await loadSourcedOpportunities(ctx, asOf, request.ownerScope)).filter((o) => o.won);
  const groups = groupRecords(campaigns, request, (c) => c.startDate, () => undefined);
  const inRange = groups.flatMap((g) => g.records);
  const ids = new Set(inRange.map((c) => c.id));
  const wonOf = (c: CampaignCost) => won.filter((o) => o.campaignId === c.id);
  const book = await rateBookFor(ctx, request, [...inRange.flatMap((c) => c.costs), ...won.filter((o) => ids.has(o.campaignId)).map((o) => dated(o, o.closeDate))]);
  const currencies = figureCurrencies(inRange.flatMap((c) => c.costs), request);
  const series = groups.flatMap((group) => currencies.map((currency): SeriesPoint => {
    const costOf = (c: CampaignCost) => totalIn(c.costs.filter((x) => figureCurrency(x, book) === currency), book);
    const revenueOf = (c: CampaignCost) => totalIn(wonOf(c).filter((o) => figureCurrency(o, book) === currency).map((o) => dated(o, o.closeDate)), book);
    const cost = group.records.reduce((sum, c) => sum + costOf(c), 0n);
    const revenue = group.records.reduce((sum, c) => sum + revenueOf(c), 0n);
    const contributions: RecordContribution[] = group.records.filter((c) => costOf(c) > 0n).map((c) => ({
      recordType: 'campaign', id: c.id, name: c.name, startDate: c.startDate, costMinor: jsonMinor(costOf(c)), wonMinor: jsonMinor(revenueOf(c)), wonCount: wonOf(c).length,
    }));
    const [numerator, denominator] = [jsonMinor(revenue - cost), jsonMinor(cost)];
    return { ...pointBase(group), currency, value: ratio(numerator, denominator), numerator, denominator, wonMinor: jsonMinor(revenue), costMinor: denominator, campaigns: contributions.length,
      ...explainOf(request, group.period, { formula: SOURCED_FORMULAS['campaign-roi'], numerator, denominator, contributions }, { timeBasis: 'campaign_start_date' }) };
  }));
  return { metric: 'campaign-roi', unit: 'ratio', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

/** Campaigns with a start date and their whole cost: their spend lines, or else their actual cost; with asOf, as they stood then. */
async function loadCampaignCosts(ctx: Ctx, asOf: Date | null): Promise<CampaignCost[]> {
  const campaigns = await metricsDb(ctx).selectFrom(tableAsOf('campaigns', asOf).as('c')).select(['id', 'name', 'start_date', 'currency', 'actual_cost_minor'])
    .where('deleted_at', 'is', null).where('start_date', 'is not', null).orderBy('start_date').orderBy('id').execute();
  const lines = (await findSpendLines(ctx, '0001-01-01', '9999-12-31', asOf)).filter((l) => l.campaignId !== null);
  return campaigns.map((c) => {
    const own = lines.filter((l) => l.campaignId === c.id).map((l) => ({ amountMinor: l.amountMinor, currency: l.currency, date: l.spendDate }));
    const actual = c.actual_cost_minor === null || c.currency === null ? [] : [{ amountMinor: BigInt(c.actual_cost_minor), currency: c.currency, date: c.start_date ?? '' }];
    return { id: c.id, name: c.name, startDate: c.start_date ?? '', costs: own.length > 0 ? own : actual };
  });
}

function opportunityContribution(o: SourcedOpportunity, date: string, book: RateBook | null): RecordContribution {
  return {
    recordType: 'opportunity', id: o.id, accountId: o.accountId, campaignId: o.campaignId, date, won: o.won, amountMinor: jsonMinor(o.amountMinor), currency: o.currency, ...conversionOf(dated(o, date), book),
  };
}
