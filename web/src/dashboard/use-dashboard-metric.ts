import type { ReportQuery } from '../metrics-explorer/metrics-api.ts';
import { createReportHook } from '../metrics-explorer/use-metric.ts';
import { fetchBatchedMetric } from './metric-batch.ts';

// useMetric's hook and cache, fetching with the page's other reports in one batch request.
const batched = createReportHook(fetchBatchedMetric);
// The same for reports with explain=true (their records: the pipeline and aging cards), cached
// apart so that a prefetch at start-up (dashboard-reports.ts) serves the card that shows them.
const explained = createReportHook((name, query) => fetchBatchedMetric(name, query, { explain: true }));

/** Asks for a report now (into the current batch) so a card that mounts later finds it on its way. */
export function prefetchDashboardMetric(name: string, query: ReportQuery): void {
  batched.cached(name, query).catch(() => undefined); // the card that shows it reports the error
}

/** prefetchDashboardMetric for a report with explain=true. */
export function prefetchExplainedReport(name: string, query: ReportQuery): void {
  explained.cached(name, query).catch(() => undefined); // the card that shows it reports the error
}

/** useMetric for the dashboard: the same report, fetched with the page's other reports in one batch request. */
export const useDashboardMetric = batched.useReport;

/** useDashboardMetric for a report with explain=true. */
export const useExplainedMetric = explained.useReport;
