import type { Ctx } from '../shared/context.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { INTERVALS, MONTH_INTERVALS, type Interval } from './periods.ts';
import { DEAL_FORMULAS, dealMetric, type DealMetric } from './deal-metrics.ts';
import { churnMetric, movementsReport, MOVEMENTS_FORMULA, type ChurnMetric } from './flow-metrics.ts';
import type { MetricResult, MovementRow, Unit } from './metric-types.ts';
import { toReportRequest, type MetricQuery, type ReportRequest } from './report-request.ts';
import type { MetricBasis } from './metric-bases.ts';
import { CLOSED_DEAL_FORMULAS, CLOSED_DEAL_UNITS, closedDealMetric, type ClosedDealMetric } from './closed-deal-metrics.ts';
import { PIPELINE_FORMULAS, PIPELINE_UNITS, pipelineMetric, type PipelineMetric } from './pipeline-metrics.ts';
import { STAGE_FORMULAS, STAGE_UNITS, stageMetric, type StageMetric } from './stage-metrics.ts';
import { LEAD_FORMULAS, LEAD_UNITS, leadMetric, type LeadMetric } from './lead-metrics.ts';
import { SPEND_FORMULAS, SPEND_UNITS, spendMetric, type SpendMetric } from './marketing-metrics.ts';
import { SOURCED_FORMULAS, SOURCED_UNITS, sourcedMetric, type SourcedMetric } from './sourced-metrics.ts';
import { SUCCESS_FORMULAS, SUCCESS_UNITS, successMetric, type SuccessMetric } from './success-metrics.ts';
import { UNIT_ECONOMICS_FORMULAS, UNIT_ECONOMICS_UNITS, unitEconomicsMetric, type UnitEconomicsMetric } from './unit-economics.ts';
import { retentionMetric, type RetentionMetric } from './retention-metrics.ts';
import { MRR_BREAKDOWNS, type Breakdown } from './slices.ts';
import { FORMULAS as STOCK_FORMULAS, stockMetric, type StockMetric } from './stock-metrics.ts';
import { FINANCE_METRICS, financeMetric, type FinanceMetric } from './finance-catalog.ts';
import { computeAsOf } from './as-of-metric.ts';
import { assertMayReadMetric, mayReadMetric, metricScope, scopeNoteOf, TEAM_METRICS } from './metric-access.ts';

export type MetricName = StockMetric | ChurnMetric | RetentionMetric | DealMetric | 'mrr-movements' | ClosedDealMetric | PipelineMetric | StageMetric | LeadMetric | SpendMetric | SourcedMetric | UnitEconomicsMetric | SuccessMetric | FinanceMetric;
export type MetricDefinition = { name: MetricName; unit: Unit; title: string; formula: string; basis: MetricBasis; breakdowns: readonly Breakdown[]; intervals: readonly Interval[] };

const ACCOUNT_BREAKDOWNS: readonly Breakdown[] = ['segment', 'country', 'industry'];
// Opportunities have an owner beside their account's attributes (a sales manager's "by rep").
const OPPORTUNITY_BREAKDOWNS: readonly Breakdown[] = [...ACCOUNT_BREAKDOWNS, 'owner'];
// MRR figures are month-end snapshots: they take months and longer; record metrics take days and weeks too.
const mrrFamily = (name: MetricName, unit: Unit, title: string, formula: string): MetricDefinition =>
  ({ name, unit, title, formula, basis: 'subscriptions', breakdowns: MRR_BREAKDOWNS, intervals: MONTH_INTERVALS });
const dealFamily = (name: DealMetric, unit: Unit, title: string): MetricDefinition =>
  ({ name, unit, title, formula: DEAL_FORMULAS[name], basis: 'opportunities', breakdowns: OPPORTUNITY_BREAKDOWNS, intervals: INTERVALS });

const salesFamily = <N extends ClosedDealMetric | PipelineMetric | StageMetric | SourcedMetric>(name: N, units: Record<N, Unit>, formulas: Record<N, string>, title: string): MetricDefinition =>
  // Coverage divides by targets, which are set per segment, country or industry, never per owner.
  ({ name, unit: units[name], title, formula: formulas[name], basis: 'opportunities', breakdowns: name === 'pipeline-coverage' ? ACCOUNT_BREAKDOWNS : OPPORTUNITY_BREAKDOWNS, intervals: INTERVALS });

const leadFamily = (name: LeadMetric, title: string): MetricDefinition =>
  ({ name, unit: LEAD_UNITS[name], title, formula: LEAD_FORMULAS[name], basis: 'leads', breakdowns: ['country', 'owner'], intervals: INTERVALS });

const spendFamily = (name: SpendMetric | 'campaign-roi', title: string): MetricDefinition => ({
  name, unit: name === 'campaign-roi' ? SOURCED_UNITS[name] : SPEND_UNITS[name], title, formula: name === 'campaign-roi' ? SOURCED_FORMULAS[name] : SPEND_FORMULAS[name], basis: 'spend', breakdowns: [],
  // CAC and its payback divide by new customers from the MRR movements: months and longer.
  intervals: name === 'cac' || name === 'cac-payback-months' ? MONTH_INTERVALS : INTERVALS,
});
const economicsFamily = (name: UnitEconomicsMetric, title: string): MetricDefinition =>
  mrrFamily(name, UNIT_ECONOMICS_UNITS[name], title, UNIT_ECONOMICS_FORMULAS[name]);

const successFamily = (name: SuccessMetric, title: string): MetricDefinition =>
  ({ name, unit: SUCCESS_UNITS[name], title, formula: SUCCESS_FORMULAS[name], basis: name === 'adoption-rate' ? 'usage' : 'tickets', breakdowns: ACCOUNT_BREAKDOWNS,
    intervals: name === 'tickets-per-account' ? MONTH_INTERVALS : INTERVALS });

/** Every metric, in the order the docs (docs/metrics.md) define them. */
export const METRICS: readonly MetricDefinition[] = [
  mrrFamily('mrr', 'money', 'Monthly recurring revenue', STOCK_FORMULAS.mrr),
  mrrFamily('arr', 'money', 'Annual recurring revenue', STOCK_FORMULAS.arr),
  mrrFamily('mrr-movements', 'money', 'MRR movements (bridge start → end)', MOVEMENTS_FORMULA),
  mrrFamily('customers', 'count', 'Customers with MRR', STOCK_FORMULAS.customers),
  mrrFamily('arpa', 'money', 'Average revenue per account', STOCK_FORMULAS.arpa),
  mrrFamily('customer-churn-rate', 'ratio', 'Customer (logo) churn rate', 'customers churned ÷ customers at the start of the period'),
  mrrFamily('gross-mrr-churn-rate', 'ratio', 'Gross MRR churn rate', '(contraction + churn) ÷ MRR at the start of the period'),
  mrrFamily('net-mrr-churn-rate', 'ratio', 'Net MRR churn rate', '(contraction + churn − expansion − reactivation) ÷ MRR at the start of the period'),
  mrrFamily('nrr', 'ratio', 'Net revenue retention (trailing 12 months)', 'cohort MRR now ÷ cohort MRR 12 months earlier'),
  mrrFamily('grr', 'ratio', 'Gross revenue retention (trailing 12 months)', 'cohort min(MRR now, MRR 12 months earlier) ÷ cohort MRR 12 months earlier'),
  dealFamily('win-rate', 'ratio', 'Win rate'),
  dealFamily('sales-cycle-days', 'days', 'Sales cycle length'),
  dealFamily('bookings', 'money', 'Bookings (won opportunity amounts)'),
  salesFamily('win-loss-ratio', CLOSED_DEAL_UNITS, CLOSED_DEAL_FORMULAS, 'Win/loss ratio'),
  salesFamily('average-deal-size', CLOSED_DEAL_UNITS, CLOSED_DEAL_FORMULAS, 'Average deal size (won)'),
  salesFamily('time-to-close', CLOSED_DEAL_UNITS, CLOSED_DEAL_FORMULAS, 'Time to close (won and lost)'),
  salesFamily('pipeline-value', PIPELINE_UNITS, PIPELINE_FORMULAS, 'Open pipeline value'),
  salesFamily('pipeline-coverage', PIPELINE_UNITS, PIPELINE_FORMULAS, 'Pipeline coverage of the sales target'),
  salesFamily('pipeline-velocity', PIPELINE_UNITS, PIPELINE_FORMULAS, 'Pipeline velocity (per day)'),
  salesFamily('stage-conversion-rate', STAGE_UNITS, STAGE_FORMULAS, 'Stage conversion rate'),
  salesFamily('time-in-stage', STAGE_UNITS, STAGE_FORMULAS, 'Time in stage'),
  leadFamily('new-leads', 'New leads'),
  leadFamily('mqls', 'Marketing-qualified leads (MQLs)'),
  leadFamily('sqls', 'Sales-qualified leads (SQLs)'),
  leadFamily('leads-by-stage', 'Leads in each lifecycle stage'),
  leadFamily('lead-conversion', 'Lead → MQL → SQL → opportunity → won conversion (by lead cohort)'),
  spendFamily('sales-marketing-spend', 'Sales and marketing spend'),
  spendFamily('cac', 'Customer acquisition cost (CAC)'),
  spendFamily('cac-payback-months', 'CAC payback (months)'),
  spendFamily('cost-per-lead', 'Cost per lead'),
  spendFamily('campaign-roi', 'Campaign ROI'),
  salesFamily('marketing-sourced-pipeline', SOURCED_UNITS, SOURCED_FORMULAS, 'Marketing-sourced pipeline'),
  salesFamily('marketing-sourced-revenue', SOURCED_UNITS, SOURCED_FORMULAS, 'Marketing-sourced revenue (won)'),
  economicsFamily('quick-ratio', 'SaaS Quick Ratio'),
  economicsFamily('ltv', 'Customer lifetime value (revenue)'),
  economicsFamily('gross-margin-ltv', 'Customer lifetime value (gross margin)'),
  successFamily('csat', 'Customer satisfaction (CSAT)'),
  successFamily('adoption-rate', 'Adoption rate (active users ÷ licensed seats)'),
  successFamily('tickets-per-account', 'Support tickets per customer'),
  ...FINANCE_METRICS,
];

/** Every metric of the catalogue (the CLI, the warm-up: company-wide readers). */
export function listMetrics(): readonly MetricDefinition[] {
  return METRICS;
}

/** A catalogue entry as GET /metrics answers it; `scope: 'team'` when it is computed over the actor's team only. */
export type CatalogueEntry = Omit<MetricDefinition, 'breakdowns' | 'intervals'> & { breakdowns: MetricDefinition['breakdowns'][number][]; intervals: Interval[]; scope?: 'team' };

/** The metrics this actor may ask for (docs/metrics.md "Who sees what"): all of them, or for the sales roles their team's. */
export async function listReadableMetrics(ctx: Ctx): Promise<CatalogueEntry[]> {
  const scope = await metricScope(ctx);
  return METRICS.filter((metric) => mayReadMetric(scope, metric))
    .map((metric) => ({ ...metric, breakdowns: [...metric.breakdowns], intervals: [...metric.intervals], ...(scope.kind === 'all' ? {} : { scope: 'team' as const }) }));
}

/**
 * Computes one metric; an unknown name is a 404 (the list above is the catalogue), a metric the
 * actor's scope cannot have a 403 (metric-access.ts). A team-scoped figure says so in `scope`.
 */
export async function computeMetric(ctx: Ctx, name: string, query: MetricQuery): Promise<MetricResult | MovementRow[]> {
  const definition = METRICS.find((metric) => metric.name === name);
  if (!definition) throw notFound('metric', name);
  const scope = await metricScope(ctx);
  assertMayReadMetric(ctx, scope, definition);
  const request = toReportRequest(query, scope);
  if (request.breakdown === 'owner' && !definition.breakdowns.includes('owner')) {
    // Only records with an owner (opportunities, leads) break down by it; the families' own checks name the others.
    const message = `${definition.name} can be broken down by ${definition.breakdowns.join(', ') || 'nothing'} only`;
    throw new AppError('validation_failed', `querystring.segment: ${message}`, { fieldErrors: [{ field: 'querystring.segment', message }] });
  }
  if (!definition.intervals.includes(request.interval)) {
    const message = `${definition.name} takes the intervals ${definition.intervals.join(', ')}`;
    throw new AppError('validation_failed', `querystring.interval: ${message}`, { fieldErrors: [{ field: 'querystring.interval', message }] });
  }
  const asOf = request.asOf ?? null;
  // docs/metrics.md "As of": the figure as reported then, with its restatement now beside it.
  const result = asOf !== null
    ? await computeAsOf(ctx, definition, { ...request, asOf }, (each) => computeDefined(ctx, definition, each))
    : await computeDefined(ctx, definition, request);
  const note = scopeNoteOf(scope);
  // Movements (an array) are MRR figures, never team-scoped.
  return note === null || Array.isArray(result) ? result : { ...result, scope: note };
}

async function computeDefined(ctx: Ctx, definition: MetricDefinition, request: ReportRequest): Promise<MetricResult | MovementRow[]> {
  // Invariant: only the metrics whose loaders filter by owner ever see a team scope (computeMetric refuses the others).
  assert(request.ownerScope.kind === 'all' || TEAM_METRICS.has(definition.name), `${definition.name} cannot be computed for a team scope`);
  switch (definition.name) {
    case 'mrr': case 'arr': case 'customers': case 'arpa':
      return stockMetric(ctx, definition.name, request);
    case 'mrr-movements':
      return movementsReport(ctx, request);
    case 'customer-churn-rate': case 'gross-mrr-churn-rate': case 'net-mrr-churn-rate':
      return churnMetric(ctx, definition.name, request);
    case 'nrr': case 'grr':
      return retentionMetric(ctx, definition.name, request);
    case 'win-rate': case 'sales-cycle-days': case 'bookings':
      return dealMetric(ctx, definition.name, request);
    case 'win-loss-ratio': case 'average-deal-size': case 'time-to-close':
      return closedDealMetric(ctx, definition.name, request);
    case 'pipeline-value': case 'pipeline-coverage': case 'pipeline-velocity':
      return pipelineMetric(ctx, definition.name, request);
    case 'stage-conversion-rate': case 'time-in-stage':
      return stageMetric(ctx, definition.name, request);
    case 'new-leads': case 'mqls': case 'sqls': case 'leads-by-stage': case 'lead-conversion':
      return leadMetric(ctx, definition.name, request);
    case 'sales-marketing-spend': case 'cac': case 'cac-payback-months': case 'cost-per-lead':
      return spendMetric(ctx, definition.name, request);
    case 'marketing-sourced-pipeline': case 'marketing-sourced-revenue': case 'campaign-roi':
      return sourcedMetric(ctx, definition.name, request);
    case 'quick-ratio': case 'ltv': case 'gross-margin-ltv':
      return unitEconomicsMetric(ctx, definition.name, request);
    case 'csat': case 'adoption-rate': case 'tickets-per-account':
      return successMetric(ctx, definition.name, request);
    default:
      return financeMetric(ctx, definition.name, request);
  }
}
