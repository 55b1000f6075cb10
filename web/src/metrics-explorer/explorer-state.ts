import { BREAKDOWNS, INTERVALS, type Breakdown, type Interval, type ReportQuery } from './metrics-api.ts';
import { isMonthKey, presetRange } from './period-range.ts';

/**
 * The explorer's state, kept in the URL query so a link (from a dashboard card, or pasted in a
 * chat) opens it preconfigured: /metrics?metric=arr&from=2024-01&to=2024-12&interval=quarter&breakdown=segment&value=smb&currency=EUR&asOf=2024-12-31T23:00:00Z
 * `asOf` is passed on as written: the API judges it (a 400 naming querystring.asOf shows at the picker).
 */
export type ExplorerState = ReportQuery & { metric: string; segmentValue: string | null; asOf: string | null };

const CURRENCY = /^[A-Z]{3}$/;

export function parseExplorerState(search: URLSearchParams, now: Date = new Date()): ExplorerState {
  const fallback = presetRange('last12Months', now);
  const from = search.get('from');
  const to = search.get('to');
  const interval = search.get('interval');
  const breakdown = search.get('breakdown');
  const currency = search.get('currency')?.toUpperCase() ?? null;
  const range = isMonthKey(from) && isMonthKey(to) && from <= to ? { from, to } : fallback;
  return {
    metric: search.get('metric') ?? 'mrr',
    ...range,
    interval: (INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as Interval) : 'month',
    breakdown: (BREAKDOWNS as readonly string[]).includes(breakdown ?? '') ? (breakdown as Breakdown) : null,
    segmentValue: breakdown ? (search.get('value') ?? null) : null,
    currency: currency !== null && CURRENCY.test(currency) ? currency : null,
    asOf: search.get('asOf') || null,
  };
}

export function explorerSearch(state: ExplorerState): string {
  const params = new URLSearchParams({ metric: state.metric, from: state.from, to: state.to, interval: state.interval });
  if (state.breakdown) params.set('breakdown', state.breakdown);
  if (state.breakdown && state.segmentValue !== null) params.set('value', state.segmentValue);
  if (state.currency) params.set('currency', state.currency);
  if (state.asOf) params.set('asOf', state.asOf);
  return params.toString();
}

/** The explorer opened on a metric with the report settings of the page that links to it. */
export function explorerHref(metric: string, query: ReportQuery, segmentValue: string | null = null): string {
  return `/metrics?${explorerSearch({ ...query, asOf: query.asOf ?? null, metric, segmentValue })}`;
}
