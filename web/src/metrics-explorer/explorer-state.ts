import { knownCompanyCurrency } from './company-currency.ts';
import { BREAKDOWNS, INTERVALS, type Breakdown, type Interval, type ReportQuery } from './metrics-api.ts';
import { isMonthKey, presetRange } from './period-range.ts';

/**
 * The explorer's state, kept in the URL query so a link (from a dashboard card, or pasted in a
 * chat) opens it preconfigured: /metrics?metric=arr&from=2024-01&to=2024-12&interval=quarter&breakdown=segment&value=smb&currency=EUR&asOf=2024-12-31T23:00:00Z
 * `asOf` is passed on as written: the API judges it (a 400 naming querystring.asOf shows at the picker).
 * Without `currency` the report is in the company reporting currency (company-currency.ts), if
 * one is set; `currency=original` asks for figures per currency whatever the company's is.
 */
export type ExplorerState = ReportQuery & { metric: string; segmentValue: string | null; asOf: string | null };

const CURRENCY = /^[A-Z]{3}$/;
/** The URL's word for "no conversion: one figure per currency" (the CLI's --currency original too). */
export const PER_CURRENCY = 'original';

/** The currency the URL names: a code; null for `original` (per currency); undefined when it names none it can use. */
export function namedCurrency(search: URLSearchParams): string | null | undefined {
  const text = search.get('currency')?.trim() ?? '';
  if (text.toLowerCase() === PER_CURRENCY) return null;
  return CURRENCY.test(text.toUpperCase()) ? text.toUpperCase() : undefined;
}

/**
 * The `currency` a URL carries for a report's currency: the code, or `original` for figures per
 * currency when no parameter would mean the company's currency; none when it would not (no
 * company currency: the links read as they did before there was one).
 */
export function currencyParam(currency: string | null, companyCurrency: string | null = knownCompanyCurrency() ?? null): string | null {
  if (currency) return currency;
  return companyCurrency === null ? null : PER_CURRENCY;
}

/** `defaultMetric`: the metric shown when the URL names none (the explorer: MRR, or a sales role's first metric). */
export function parseExplorerState(search: URLSearchParams, now: Date = new Date(), companyCurrency: string | null = knownCompanyCurrency() ?? null, defaultMetric = 'mrr'): ExplorerState {
  const fallback = presetRange('last12Months', now);
  const from = search.get('from');
  const to = search.get('to');
  const interval = search.get('interval');
  const breakdown = search.get('breakdown');
  const currency = namedCurrency(search);
  const range = isMonthKey(from) && isMonthKey(to) && from <= to ? { from, to } : fallback;
  return {
    metric: search.get('metric') ?? defaultMetric,
    ...range,
    interval: (INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as Interval) : 'month',
    breakdown: (BREAKDOWNS as readonly string[]).includes(breakdown ?? '') ? (breakdown as Breakdown) : null,
    segmentValue: breakdown ? (search.get('value') ?? null) : null,
    currency: currency === undefined ? companyCurrency : currency,
    asOf: search.get('asOf') || null,
  };
}

export function explorerSearch(state: ExplorerState, companyCurrency: string | null = knownCompanyCurrency() ?? null): string {
  const params = new URLSearchParams({ metric: state.metric, from: state.from, to: state.to, interval: state.interval });
  if (state.breakdown) params.set('breakdown', state.breakdown);
  if (state.breakdown && state.segmentValue !== null) params.set('value', state.segmentValue);
  const currency = currencyParam(state.currency, companyCurrency);
  if (currency) params.set('currency', currency);
  if (state.asOf) params.set('asOf', state.asOf);
  return params.toString();
}

/** The explorer opened on a metric with the report settings of the page that links to it. */
export function explorerHref(metric: string, query: ReportQuery, segmentValue: string | null = null): string {
  return `/metrics?${explorerSearch({ ...query, asOf: query.asOf ?? null, metric, segmentValue })}`;
}
