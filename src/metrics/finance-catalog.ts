import type { Ctx } from '../shared/context.ts';
import { backlogMetric, BACKLOG_FORMULAS, type BacklogMetric } from './backlog-metrics.ts';
import { financeFlowMetric, FINANCE_FLOW_FORMULAS, type FinanceFlowMetric } from './finance-flow-metrics.ts';
import type { MetricBasis } from './metric-bases.ts';
import type { MetricResult, Unit } from './metric-types.ts';
import { INTERVALS, MONTH_INTERVALS, type Interval } from './periods.ts';
import { receivableMetric, RECEIVABLE_FORMULAS, type ReceivableMetric } from './receivable-metrics.ts';
import type { ReportRequest } from './report-request.ts';
import { revenueBridgeMetric } from './revenue-bridge.ts';
import { revenueMetric, REVENUE_FORMULAS, type RevenueMetric } from './revenue-metrics.ts';
import type { Breakdown } from './slices.ts';

// Finance metrics (docs/metrics.md "Finance"): billing documents, cash, ledger revenue, receivables, backlog.
export type FinanceMetric = FinanceFlowMetric | ReceivableMetric | BacklogMetric | RevenueMetric | 'revenue-bridge';
type Definition = { name: FinanceMetric; unit: Unit; title: string; formula: string; basis: MetricBasis; breakdowns: readonly Breakdown[]; intervals: readonly Interval[] };

const ACCOUNT_BREAKDOWNS: readonly Breakdown[] = ['segment', 'country', 'industry'];
// Flows (dated documents, payments, postings) take any interval; balances are read at month ends.
const flow = (name: FinanceFlowMetric, basis: MetricBasis, title: string): Definition =>
  ({ name, unit: 'money', title, formula: FINANCE_FLOW_FORMULAS[name], basis, breakdowns: ACCOUNT_BREAKDOWNS, intervals: INTERVALS });
const balance = (name: ReceivableMetric | BacklogMetric, unit: Unit, basis: MetricBasis, title: string, formula: string): Definition =>
  ({ name, unit, title, formula, basis, breakdowns: ACCOUNT_BREAKDOWNS, intervals: MONTH_INTERVALS });

export const FINANCE_METRICS: readonly Definition[] = [
  flow('billings', 'invoices', 'Billings (invoiced excl. tax, net of credit notes)'),
  flow('recognized-revenue', 'ledger', 'Recognized revenue (ledger)'),
  flow('cash-collected', 'payments', 'Cash collected (net of refunds and chargebacks)'),
  balance('ar-balance', 'money', 'invoices', 'Accounts receivable at the period end', RECEIVABLE_FORMULAS['ar-balance']),
  balance('ar-aging', 'money', 'invoices', 'AR aging buckets at the period end', RECEIVABLE_FORMULAS['ar-aging']),
  balance('dso', 'days', 'invoices', 'Days sales outstanding (simple)', RECEIVABLE_FORMULAS.dso),
  balance('dso-countback', 'days', 'invoices', 'Days sales outstanding (countback)', RECEIVABLE_FORMULAS['dso-countback']),
  balance('backlog', 'money', 'contracts', 'Backlog (contracted, not yet billed)', BACKLOG_FORMULAS.backlog),
  balance('rpo', 'money', 'contracts', 'Remaining performance obligations (contracted, not yet recognized)', BACKLOG_FORMULAS.rpo),
  { name: 'operating-revenue-share', unit: 'ratio', title: 'Operating revenue share', formula: REVENUE_FORMULAS['operating-revenue-share'], basis: 'ledger', breakdowns: ACCOUNT_BREAKDOWNS, intervals: INTERVALS },
  {
    name: 'revenue-bridge', unit: 'money', title: 'Revenue bridge: bookings → billings → recognized revenue → cash, with the MRR bridge', basis: 'ledger', breakdowns: [], intervals: MONTH_INTERVALS,
    formula: 'per period and currency, one point per line (bookings, backlog-change, billings, recognized-revenue, cash-collected and the differences between them); docs/metrics.md "Revenue bridge"',
  },
  { name: 'revenue-growth', unit: 'ratio', title: 'Revenue growth (period over period, and year over year)', formula: REVENUE_FORMULAS['revenue-growth'], basis: 'ledger', breakdowns: ACCOUNT_BREAKDOWNS, intervals: MONTH_INTERVALS },
];

export function financeMetric(ctx: Ctx, name: FinanceMetric, request: ReportRequest): Promise<MetricResult> {
  switch (name) {
    case 'billings': case 'recognized-revenue': case 'cash-collected':
      return financeFlowMetric(ctx, name, request);
    case 'ar-balance': case 'ar-aging': case 'dso': case 'dso-countback':
      return receivableMetric(ctx, name, request);
    case 'backlog': case 'rpo':
      return backlogMetric(ctx, name, request);
    case 'operating-revenue-share': case 'revenue-growth':
      return revenueMetric(ctx, name, request);
    case 'revenue-bridge':
      return revenueBridgeMetric(ctx, request);
  }
}
