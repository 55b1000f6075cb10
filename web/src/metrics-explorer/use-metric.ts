import { useCallback, useEffect, useState } from 'react';
import { fetchCatalogue, fetchMetric, type MetricDefinition, type MetricResult, type MovementRow, type ReportQuery } from './metrics-api.ts';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

// Cards on one page ask for the same report (MRR for a figure and a chart): one request serves
// them for a short while, so a re-render or a second card does not refetch.
const CACHE_MS = 20_000;
const cache = new Map<string, { at: number; request: Promise<MetricResult | MovementRow[]> }>();

function cachedMetric(name: string, query: ReportQuery): Promise<MetricResult | MovementRow[]> {
  const key = JSON.stringify([name, query.from, query.to, query.interval, query.breakdown, query.currency, query.asOf ?? null]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.request;
  const request = fetchMetric(name, query);
  cache.set(key, { at: Date.now(), request });
  request.catch(() => cache.delete(key));
  return request;
}

/** A report of one metric; null `name` waits (the catalogue does not list it, or it is not chosen yet). */
export function useMetric(name: string | null, query: ReportQuery): LoadState<MetricResult | MovementRow[]> & { reload(): void } {
  const [state, setState] = useState<LoadState<MetricResult | MovementRow[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { from, to, interval, breakdown, currency } = query;
  const asOf = query.asOf ?? null;
  useEffect(() => {
    if (name === null) return;
    let active = true;
    setState({ status: 'loading' });
    cachedMetric(name, { from, to, interval, breakdown, currency, asOf })
      .then((data) => active && setState({ status: 'ready', data }))
      .catch((error: unknown) => active && setState({ status: 'error', error }));
    return () => {
      active = false;
    };
  }, [name, from, to, interval, breakdown, currency, asOf, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}

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
