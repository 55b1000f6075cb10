import type { Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { DEAL_FORMULAS, dealMetric, type DealMetric } from './deal-metrics.ts';
import { churnMetric, movementsReport, MOVEMENTS_FORMULA, type ChurnMetric } from './flow-metrics.ts';
import type { MetricResult, MovementRow, Unit } from './metric-types.ts';
import { toReportRequest, type MetricQuery } from './report-request.ts';
import { retentionMetric, type RetentionMetric } from './retention-metrics.ts';
import { BREAKDOWNS, type Breakdown } from './slices.ts';
import { FORMULAS as STOCK_FORMULAS, stockMetric, type StockMetric } from './stock-metrics.ts';

export type MetricName = StockMetric | ChurnMetric | RetentionMetric | DealMetric | 'mrr-movements';
export type MetricDefinition = { name: MetricName; unit: Unit; title: string; formula: string; basis: 'subscriptions' | 'opportunities'; breakdowns: readonly Breakdown[] };

const ACCOUNT_BREAKDOWNS: readonly Breakdown[] = ['segment', 'country', 'industry'];
const mrrFamily = (name: MetricName, unit: Unit, title: string, formula: string): MetricDefinition =>
  ({ name, unit, title, formula, basis: 'subscriptions', breakdowns: BREAKDOWNS });
const dealFamily = (name: DealMetric, unit: Unit, title: string): MetricDefinition =>
  ({ name, unit, title, formula: DEAL_FORMULAS[name], basis: 'opportunities', breakdowns: ACCOUNT_BREAKDOWNS });

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
];

export function listMetrics(): readonly MetricDefinition[] {
  return METRICS;
}

/** Computes one metric; an unknown name is a 404 (the list above is the catalogue). */
export async function computeMetric(ctx: Ctx, name: string, query: MetricQuery): Promise<MetricResult | MovementRow[]> {
  const definition = METRICS.find((metric) => metric.name === name);
  if (!definition) throw notFound('metric', name);
  const request = toReportRequest(query);
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
  }
}
