import { isMovementRows, type MetricResult, type ReportQuery } from '../metrics-explorer/metrics-api.ts';
import type { LoadState } from '../metrics-explorer/use-metric.ts';
import { useExplainedMetric } from './use-dashboard-metric.ts';

/**
 * A report with explain=true (for cards that group its records, e.g. open pipeline by stage),
 * through the dashboard's batch and cache (a start-up prefetch serves it, dashboard-reports.ts).
 */
export function useExplainedReport(name: string | null, query: ReportQuery): LoadState<MetricResult> & { reload(): void } {
  const state = useExplainedMetric(name, query);
  if (state.status !== 'ready') return state;
  const { data, reload } = state;
  return isMovementRows(data) ? { status: 'error', error: new Error(`${name} is not a series`), reload } : { status: 'ready', data, reload };
}
