import { useCallback, useEffect, useState } from 'react';
import { forgetOnSessionChange } from '../lib/session-caches.ts';
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
  type Report = MetricResult | MovementRow[];
  const cache = new Map<string, { at: number; request: Promise<Report>; data?: Report }>();
  // A report is the figure one user may see (their team's or the company's): never the next user's.
  forgetOnSessionChange(() => cache.clear());
  const keyOf = (name: string, query: ReportQuery) => JSON.stringify([name, query.from, query.to, query.interval, query.breakdown, query.currency, query.asOf ?? null]);
  const fresh = (name: string, query: ReportQuery) => {
    const hit = cache.get(keyOf(name, query));
    return hit && Date.now() - hit.at < CACHE_MS ? hit : null;
  };
  const cached: ReportFetcher = (name, query) => {
    const hit = fresh(name, query);
    if (hit) return hit.request;
    const key = keyOf(name, query);
    const entry: { at: number; request: Promise<Report>; data?: Report } = { at: Date.now(), request: fetchReport(name, query) };
    cache.set(key, entry);
    entry.request.then((data) => (entry.data = data), () => cache.delete(key));
    return entry.request;
  };
  // A report already answered (a prefetch, another card) renders at once: no skeleton first and a second render after.
  const answered = (name: string | null, query: ReportQuery): LoadState<Report> => {
    const data = name === null ? undefined : fresh(name, query)?.data;
    return data === undefined ? { status: 'loading' } : { status: 'ready', data };
  };
  const useReport: ReportHook = (name, query) => {
    const { from, to, interval, breakdown, currency } = query;
    const asOf = query.asOf ?? null;
    const [state, setState] = useState<LoadState<Report>>(() => answered(name, { from, to, interval, breakdown, currency, asOf }));
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (name === null) return;
      const report = { from, to, interval, breakdown, currency, asOf };
      const known = answered(name, report);
      if (known.status === 'ready') {
        setState((current) => (current.status === 'ready' && current.data === known.data ? current : known));
        return;
      }
      let active = true;
      setState({ status: 'loading' });
      cached(name, report)
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
