import type { ReportQuery } from '../metrics-explorer/metrics-api.ts';
import { createReportHook } from '../metrics-explorer/use-metric.ts';
import { fetchBatchedMetric } from './metric-batch.ts';

// useMetric's hook and cache, fetching with the page's other reports in one batch request.
const batched = createReportHook(fetchBatchedMetric);

/** Asks for a report now (into the current batch) so a card that mounts later finds it on its way. */
export function prefetchDashboardMetric(name: string, query: ReportQuery): void {
  batched.cached(name, query).catch(() => undefined); // the card that shows it reports the error
}

/** useMetric for the dashboard: the same report, fetched with the page's other reports in one batch request. */
export const useDashboardMetric = batched.useReport;
