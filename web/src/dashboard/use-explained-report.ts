import { useEffect, useState } from 'react';
import { isMovementRows, type MetricResult, type ReportQuery } from '../metrics-explorer/metrics-api.ts';
import type { LoadState } from '../metrics-explorer/use-metric.ts';
import { fetchBatchedMetric } from './metric-batch.ts';

/** A report with explain=true (for cards that group its records, e.g. open pipeline by stage). */
export function useExplainedReport(name: string | null, query: ReportQuery): LoadState<MetricResult> & { reload(): void } {
  const [state, setState] = useState<LoadState<MetricResult>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { from, to, interval, breakdown, currency } = query;
  useEffect(() => {
    if (name === null) return;
    let active = true;
    setState({ status: 'loading' });
    fetchBatchedMetric(name, { from, to, interval, breakdown, currency }, { explain: true })
      .then((data) => {
        if (!active) return;
        if (isMovementRows(data)) throw new Error(`${name} is not a series`);
        setState({ status: 'ready', data });
      })
      .catch((error: unknown) => active && setState({ status: 'error', error }));
    return () => {
      active = false;
    };
  }, [name, from, to, interval, breakdown, currency, attempt]);
  return { ...state, reload: () => setAttempt((count) => count + 1) };
}
