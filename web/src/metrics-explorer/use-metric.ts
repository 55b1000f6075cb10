import { useCallback, useEffect, useState } from 'react';
import { fetchCatalogue, fetchMetric, type MetricDefinition, type MetricResult, type MovementRow, type ReportQuery } from './metrics-api.ts';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

type ReportFetcher = (name: string, query: ReportQuery) => Promise<MetricResult | MovementRow[]>;
type ReportHook = (name: string | null, query: ReportQuery) => LoadState<MetricResult | MovementRow[]> & { reload(): void };

/**
 * A report hook over one way of fetching reports (one GET each, or the dashboard's batch), with its
 * own short-lived cache: cards on one page ask for the same report (MRR for a figure and a chart),
 * so one request serves them for a short while and a re-render or a second card does not refetch.
 * `cached` asks for a report without a component (a prefetch); a null `name` waits (the catalogue
 * does not list it, or it is not chosen yet).
 */
export function createReportHook(fetchReport: ReportFetcher): { useReport: ReportHook; cached: ReportFetcher } {
  const cache = new Map<string, { at: number; request: Promise<MetricResult | MovementRow[]> }>();
  const cached: ReportFetcher = (name, query) => {
    const key = JSON.stringify([name, query.from, query.to, query.interval, query.breakdown, query.currency, query.asOf ?? null]);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.request;
    const request = fetchReport(name, query);
    cache.set(key, { at: Date.now(), request });
    request.catch(() => cache.delete(key));
    return request;
  };
  const useReport: ReportHook = (name, query) => {
    const [state, setState] = useState<LoadState<MetricResult | MovementRow[]>>({ status: 'loading' });
    const [attempt, setAttempt] = useState(0);
    const { from, to, interval, breakdown, currency } = query;
    const asOf = query.asOf ?? null;
    useEffect(() => {
      if (name === null) return;
      let active = true;
      setState({ status: 'loading' });
      cached(name, { from, to, interval, breakdown, currency, asOf })
        .then((data) => active && setState({ status: 'ready', data }))
        .catch((error: unknown) => active && setState({ status: 'error', error }));
      return () => {
        active = false;
      };
    }, [name, from, to, interval, breakdown, currency, asOf, attempt]);
    const reload = useCallback(() => setAttempt((count) => count + 1), []);
    return { ...state, reload };
  };
  return { useReport, cached };
}

const CACHE_MS = 20_000;

/** A report of one metric, one GET each. */
export const useMetric: ReportHook = createReportHook(fetchMetric).useReport;

export function useCatalogue(): LoadState<MetricDefinition[]> & { reload(): void } {
  const [state, setState] = useState<LoadState<MetricDefinition[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let active = true;
    setState({ status: 'loading' });
    fetchCatalogue()
      .then((data) => active && setState({ status: 'ready', data }))
      .catch((error: unknown) => active && setState({ status: 'error', error }));
    return () => {
      active = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
