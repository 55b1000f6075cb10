import { useCallback, useEffect, useState } from 'react';
import type { MetricResult, MovementRow, ReportQuery } from '../metrics-explorer/metrics-api.ts';
import type { LoadState } from '../metrics-explorer/use-metric.ts';
import { fetchBatchedMetric } from './metric-batch.ts';

// As useMetric (metrics-explorer/use-metric.ts): cards on one page ask for the same report (MRR
// for a figure and a chart), so one answer serves them for a short while; a reload asks again.
const CACHE_MS = 20_000;
const cache = new Map<string, { at: number; request: Promise<MetricResult | MovementRow[]> }>();

function cachedReport(name: string, query: ReportQuery): Promise<MetricResult | MovementRow[]> {
  const key = JSON.stringify([name, query.from, query.to, query.interval, query.breakdown, query.currency, query.asOf ?? null]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.request;
  const request = fetchBatchedMetric(name, query);
  cache.set(key, { at: Date.now(), request });
  request.catch(() => cache.delete(key));
  return request;
}

/** Asks for a report now (into the current batch) so a card that mounts later finds it on its way. */
export function prefetchDashboardMetric(name: string, query: ReportQuery): void {
  cachedReport(name, query).catch(() => undefined); // the card that shows it reports the error
}

/** useMetric for the dashboard: the same report, fetched with the page's other reports in one batch request. */
export function useDashboardMetric(name: string | null, query: ReportQuery): LoadState<MetricResult | MovementRow[]> & { reload(): void } {
  const [state, setState] = useState<LoadState<MetricResult | MovementRow[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { from, to, interval, breakdown, currency } = query;
  const asOf = query.asOf ?? null;
  useEffect(() => {
    if (name === null) return;
    let active = true;
    setState({ status: 'loading' });
    cachedReport(name, { from, to, interval, breakdown, currency, asOf })
      .then((data) => active && setState({ status: 'ready', data }))
      .catch((error: unknown) => active && setState({ status: 'error', error }));
    return () => {
      active = false;
    };
  }, [name, from, to, interval, breakdown, currency, asOf, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
