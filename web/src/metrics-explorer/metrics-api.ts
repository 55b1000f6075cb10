import { apiRequest } from '../lib/api.ts';
import { forgetOnSessionChange } from '../lib/session-caches.ts';
import { findStartCatalogue } from '../lib/start-data.ts';

/** Wire shapes of the metrics API (src/metrics/api-schemas.ts, docs/metrics.md "Interfaces"). */
export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year', 'all'] as const;
export type Interval = (typeof INTERVALS)[number];
export const BREAKDOWNS = ['segment', 'country', 'industry', 'plan', 'owner'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export type Unit = 'money' | 'ratio' | 'count' | 'days' | 'number' | 'months';

export type MetricDefinition = {
  name: string;
  unit: Unit;
  title: string;
  formula: string;
  basis: string;
  breakdowns: Breakdown[];
  intervals: Interval[];
  /** For the sales roles: computed over their team's opportunities and leads only (docs/metrics.md "Who sees what"). */
  scope?: 'team';
};

export type Contribution = Record<string, unknown>;
export type Explain = {
  formula: string;
  settings: Record<string, string | number | boolean | null>;
  numerator?: number;
  denominator?: number;
  contributions: Contribution[];
};

export type SeriesPoint = {
  period: string;
  segment?: string | null;
  currency?: string;
  value: number | null;
  explain?: Explain;
  /** asOf only (docs/metrics.md "As of"): the figure now, restatedValue − value, and a series that exists only now. */
  restatedValue?: number | null;
  restatement?: number | null;
  restatedOnly?: true;
  [extra: string]: unknown;
};
export type MetricResult = { metric: string; unit: Unit; currency?: string; scope?: { kind: 'team'; ownerCount: number }; series: SeriesPoint[] };

export const MOVEMENT_KINDS = ['new', 'expansion', 'reactivation', 'contraction', 'churn'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export type MovementRow = {
  period: string;
  segment?: string | null;
  currency: string;
  mrrStartMinor: number;
  newMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  reactivationMinor: number;
  mrrEndMinor: number;
  customersStart: number;
  customersNew: number;
  customersChurned: number;
  customersReactivated: number;
  customersEnd: number;
  explain?: Explain;
  /** asOf only: the bridge now, its mrrEndMinor − the reported one, and a row that exists only now. */
  restated?: { mrrEndMinor: number };
  restatementMinor?: number;
  restatedOnly?: true;
};

/** What a report is asked for: months as YYYY-MM, both inclusive. */
export type ReportQuery = {
  from: string;
  to: string;
  interval: Interval;
  breakdown: Breakdown | null;
  currency: string | null;
  /** The figures as reported at this UTC instant, with their restatement since (docs/metrics.md "As of"). */
  asOf?: string | null;
};

export function isMovementRows(result: MetricResult | MovementRow[]): result is MovementRow[] {
  return Array.isArray(result);
}

function toSearch(query: ReportQuery, explain: boolean): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, interval: query.interval });
  if (query.breakdown) params.set('segment', query.breakdown);
  if (query.currency) params.set('currency', query.currency);
  if (query.asOf) params.set('asOf', query.asOf);
  if (explain) params.set('explain', 'true');
  return params.toString();
}

let catalogue: Promise<MetricDefinition[]> | null = null;
// The catalogue is the user's (a sales role's lists its team's metrics only).
forgetOnSessionChange(() => {
  catalogue = null;
});

/**
 * GET /metrics, once per page load and user (the catalogue changes only with a deploy): the copy the page
 * was served with (lib/start-data.ts), else asked. `early`: asked at start-up alongside the session
 * check (main.tsx), so the dashboard finds it answered.
 */
export function fetchCatalogue(options: { early?: boolean } = {}): Promise<MetricDefinition[]> {
  catalogue ??= servedOrAsked(options.early ?? false);
  catalogue.catch(() => {
    catalogue = null; // a failed load is retried by the next caller
  });
  return catalogue;
}

function servedOrAsked(early: boolean): Promise<MetricDefinition[]> {
  const served = findStartCatalogue();
  if (served) return Promise.resolve(served);
  return apiRequest<{ data: MetricDefinition[] }>('GET', '/metrics', undefined, { early }).then((body) => body.data);
}

export function fetchMetric(name: string, query: ReportQuery, options: { explain?: boolean } = {}): Promise<MetricResult | MovementRow[]> {
  return apiRequest<MetricResult | MovementRow[]>('GET', `/metrics/${encodeURIComponent(name)}?${toSearch(query, options.explain ?? false)}`);
}
