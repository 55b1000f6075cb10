import { knownCompanyCurrency } from '../metrics-explorer/company-currency.ts';
import { parseExplorerState } from '../metrics-explorer/explorer-state.ts';
import type { ReportQuery } from '../metrics-explorer/metrics-api.ts';
import type { ReportSettings } from '../metrics-explorer/report-controls.tsx';
import { canUseSection, METRICS_SCOPE, ROLES, type Role } from '../lib/sections.ts';
import { flushBatch } from './metric-batch.ts';
import { prefetchDashboardMetric, prefetchExplainedReport } from './use-dashboard-metric.ts';

export const DASHBOARD_INTERVALS = ['month', 'quarter', 'year'] as const;

// The roles the metrics API answers with the company's figures (src/metrics/metric-access.ts): the
// revenue dashboard is theirs. The sales roles get their team's figures instead (team-dashboard.tsx,
// and the explorer): its MRR and finance cards would be refused them. The others see no revenue figures.
export const METRIC_READERS: readonly Role[] = ROLES.filter((role) => canUseSection(role, 'metrics') && METRICS_SCOPE[role] === 'company');

export const REVENUE_KPIS = ['arr', 'mrr', 'customers', 'arpa', 'nrr', 'grr', 'customer-churn-rate', 'net-mrr-churn-rate'];
export const SALES_KPIS = ['pipeline-value', 'win-rate', 'bookings', 'average-deal-size'];
// Finance metrics come from the finance part of the catalogue; each shows once the server lists it.
export const FINANCE_KPIS = ['billings', 'recognized-revenue', 'cash-collected', 'ar-balance', 'dso', 'backlog'];
export const FLOW_METRICS = ['bookings', 'billings', 'recognized-revenue', 'cash-collected'];
export const CHURN_METRICS = ['customer-churn-rate', 'gross-mrr-churn-rate', 'net-mrr-churn-rate'];
// The recurring-revenue cards' reports (as each card asks for it, dashboard-context.ts queryFor).
export const RECURRING_REPORTS: ReadonlyArray<{ name: string; interval?: 'all' }> = [
  ...REVENUE_KPIS.map((name) => ({ name })), { name: 'gross-mrr-churn-rate' }, { name: 'mrr-movements', interval: 'all' },
];

/**
 * The dashboard's settings from the query string of / (?from=…&to=…&interval=…&segment=smb&currency=EUR);
 * without a currency, the company reporting currency (none set: per currency; `currency=original`: per currency).
 */
export function dashboardSettingsOf(search: URLSearchParams, companyCurrency: string | null = knownCompanyCurrency() ?? null): ReportSettings {
  const parsed = parseExplorerState(search, new Date(), companyCurrency);
  const segmentValue = search.get('segment');
  const interval = (DASHBOARD_INTERVALS as readonly string[]).includes(parsed.interval) ? parsed.interval : 'month';
  return { from: parsed.from, to: parsed.to, interval, currency: parsed.currency, segmentValue, breakdown: segmentValue === null ? null : 'segment' };
}

export function dashboardQueryOf(settings: ReportSettings): ReportQuery {
  return { from: settings.from, to: settings.to, interval: settings.interval, breakdown: settings.breakdown, currency: settings.currency };
}

/**
 * Every report the dashboard shows (its cards ask for exactly these, see dashboard-context.ts
 * queryFor), for monthly settings without a segment filter: then no card's query depends on the
 * catalogue (queryFor changes only a breakdown a metric lacks, or an interval other than month).
 * Null for other settings, whose queries the cards work out once the catalogue has answered.
 */
export function dashboardReportsOf(query: ReportQuery): Array<{ name: string; query: ReportQuery; explain: boolean }> | null {
  if (query.breakdown !== null || query.interval !== 'month') return null;
  const all = { ...query, interval: 'all' as const };
  const names = new Set([...REVENUE_KPIS, 'gross-mrr-churn-rate', ...SALES_KPIS, ...FINANCE_KPIS, ...FLOW_METRICS, ...CHURN_METRICS]);
  const reports: Array<{ name: string; query: ReportQuery; explain: boolean }> = [
    // The segment picker's options, and the "no subscriptions yet" check (revenue-dashboard.tsx, dashboard-sections.tsx).
    { name: 'customers', query: { ...all, breakdown: 'segment', currency: null }, explain: false },
    { name: 'customers', query: { ...query, currency: null }, explain: false },
    ...[...names].map((name) => ({ name, query, explain: false })),
    { name: 'mrr-movements', query: all, explain: false },
    { name: 'pipeline-value', query: all, explain: true },
    { name: 'ar-aging', query: all, explain: true },
  ];
  // Once each (the customer count is a KPI too, and is asked for without a currency): the batch is smaller.
  const keys = new Set<string>();
  return reports.filter((report) => {
    const key = JSON.stringify(report);
    return keys.has(key) ? false : (keys.add(key), true);
  });
}

/**
 * Asks for the dashboard's reports at start-up (main.tsx), together with the catalogue rather
 * than after it (issue #7): they go out in one batch, and the cards, once the catalogue lets them
 * render, find their reports on the way or answered. A metric the server does not list answers
 * its own 404 in the batch and no card asks for it.
 */
export function prefetchDashboardReports(search: URLSearchParams): void {
  const reports = dashboardReportsOf(dashboardQueryOf(dashboardSettingsOf(search)));
  for (const report of reports ?? []) {
    if (report.explain) prefetchExplainedReport(report.name, report.query);
    else prefetchDashboardMetric(report.name, report.query);
  }
  flushBatch();
}
