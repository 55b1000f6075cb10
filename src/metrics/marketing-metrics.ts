import type { Ctx } from '../shared/context.ts';
import { divideRounded, parseDecimal } from '../shared/money.ts';
import { movementContributions } from './explain-mrr.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadFunnelLeads } from './load-leads.ts';
import { loadSpend, type SpendItem } from './load-spend.ts';
import type { Contribution, MetricResult, RecordContribution, SeriesPoint, Unit } from './metric-types.ts';
import { addDaysToDate } from './month-numbers.ts';
import { conversionOf, figureCurrency, jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { computeBridges, type Bridge } from './movements.ts';
import { periodIndexOfDate } from './periods.ts';
import { bridgeMonths, prepareMatrix, type PreparedMatrix } from './prepare-matrix.ts';
import { allowedBreakdown, explainOf } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const SPEND_METRICS = ['sales-marketing-spend', 'cac', 'cac-payback-months', 'cost-per-lead'] as const;
export type SpendMetric = (typeof SPEND_METRICS)[number];
export const SPEND_UNITS: Record<SpendMetric, Unit> = { 'sales-marketing-spend': 'money', cac: 'money', 'cac-payback-months': 'months', 'cost-per-lead': 'money' };
export const SPEND_FORMULAS: Record<SpendMetric, string> = {
  'sales-marketing-spend': 'Σ sales and marketing spend dated in the period: imported spend lines + campaign actual costs spread over their days',
  cac: '(sales + marketing spend) ÷ new customers (mrr-movements), per currency, rounded half-even to minor units',
  'cac-payback-months': '(sales + marketing spend) ÷ (new MRR × gross margin) = CAC ÷ (new MRR per new customer × gross margin), 2 decimals',
  'cost-per-lead': 'marketing spend (spend lines of kind marketing + campaign costs) ÷ leads created in the period',
};

type Context = { request: ReportRequest; book: RateBook | null; spend: SpendItem[] };

export async function spendMetric(ctx: Ctx, name: SpendMetric, request: ReportRequest): Promise<MetricResult> {
  // Spend belongs to no account, so these figures have no breakdown.
  allowedBreakdown(request, name, []);
  const asOf = request.asOf ?? null;
  const spend = await loadSpend(ctx, request.periods, asOf);
  const book = await rateBookFor(ctx, request, spend);
  const context: Context = { request, book, spend };
  const needsBridges = name === 'cac' || name === 'cac-payback-months';
  const prepared = needsBridges ? await prepareMatrix(ctx, request, bridgeMonths(request)) : null;
  const bridges = prepared ? computeBridges(prepared.matrix, prepared.slices) : [];
  const last = request.periods[request.periods.length - 1];
  const leads = name === 'cost-per-lead' && last ? await loadFunnelLeads(ctx, new Date(`${addDaysToDate(last.endDate, 1)}T00:00:00Z`), asOf, request.ownerScope) : [];
  const sliceCurrencies = prepared ? prepared.shown.map((slice) => prepared.slices.keys[slice]?.currency ?? '') : [];
  const currencies = request.reportingCurrency ? [request.reportingCurrency] : [...new Set([...spend.map((s) => s.currency), ...sliceCurrencies])].sort();
  const series = request.periods.flatMap((period, p) => currencies.map((currency): SeriesPoint => {
    const items = spend.filter((s) => periodIndexOfDate(request.periods, s.date) === p && figureCurrency(s, book) === currency && (name !== 'cost-per-lead' || s.kind === 'marketing'));
    const spendMinor = totalIn(items, book);
    const contributions: Contribution[] = items.map((item) => spendContribution(item, book));
    const base = { period: period.key, currency, spendMinor: jsonMinor(spendMinor) };
    if (name === 'sales-marketing-spend') {
      const sales = totalIn(items.filter((s) => s.kind === 'sales'), book);
      return { ...base, value: jsonMinor(spendMinor), salesMinor: jsonMinor(sales), marketingMinor: jsonMinor(spendMinor - sales), ...explainOf(request, period, { formula: SPEND_FORMULAS[name], contributions }) };
    }
    if (name === 'cost-per-lead') {
      const created = leads.filter((l) => periodIndexOfDate(request.periods, l.createdAt.toISOString().slice(0, 10)) === p).length;
      const value = created === 0 ? null : jsonMinor(divideRounded(spendMinor, BigInt(created), 'half_even'));
      return { ...base, value, leads: created, ...explainOf(request, period, { formula: SPEND_FORMULAS[name], numerator: jsonMinor(spendMinor), denominator: created, contributions }) };
    }
    return { ...base, ...acquisition(name, spendMinor, newCustomersOf(prepared, bridges[p] ?? [], currency, p, context, contributions)), ...explainOf(request, period, { formula: SPEND_FORMULAS[name], contributions }, name === 'cac-payback-months' ? { grossMargin: request.grossMargin } : {}) };
  }));
  return { metric: name, unit: SPEND_UNITS[name], ...(request.reportingCurrency && name !== 'cac-payback-months' ? { currency: request.reportingCurrency } : {}), series };
}

/** New customers and their MRR in the currency's slices; their movement records join the explain contributions. */
function newCustomersOf(prepared: PreparedMatrix | null, bridges: readonly Bridge[], currency: string, p: number, context: Context, contributions: Contribution[]) {
  let customers = 0;
  let mrrMinor = 0;
  for (const slice of prepared?.shown ?? []) {
    if (prepared?.slices.keys[slice]?.currency !== currency) continue;
    customers += bridges[slice]?.customersNew ?? 0;
    mrrMinor += bridges[slice]?.newMinor ?? 0;
    if (context.request.explain) contributions.push(...movementContributions(prepared, slice, p + 1).filter((c) => c.movement === 'new'));
  }
  return { customers, mrrMinor, grossMargin: context.request.grossMargin };
}

function acquisition(name: 'cac' | 'cac-payback-months', spendMinor: bigint, acquired: { customers: number; mrrMinor: number; grossMargin: string }) {
  const extras = { newCustomers: acquired.customers, newMrrMinor: acquired.mrrMinor };
  if (name === 'cac') {
    return { value: acquired.customers === 0 ? null : jsonMinor(divideRounded(spendMinor, BigInt(acquired.customers), 'half_even')), ...extras };
  }
  const margin = parseDecimal(acquired.grossMargin);
  const denominator = BigInt(acquired.mrrMinor) * margin.coefficient;
  const value = denominator === 0n ? null : Number(divideRounded(spendMinor * 100n * 10n ** BigInt(margin.scale), denominator, 'half_even')) / 100;
  return { value, ...extras, grossMargin: acquired.grossMargin };
}

function spendContribution(item: SpendItem, book: RateBook | null): RecordContribution {
  return {
    recordType: item.origin, id: item.campaignId ?? `${item.kind}:${item.category}`, kind: item.kind, category: item.category, date: item.date,
    amountMinor: jsonMinor(item.amountMinor), currency: item.currency, ...conversionOf(item, book),
  };
}
