import { createContext, useContext } from 'react';
import type { MetricDefinition, ReportQuery } from '../metrics-explorer/metrics-api.ts';
import type { ExplainTarget } from '../metrics-explorer/use-explain.ts';

/** What every dashboard card reads: the catalogue, the report settings, the segment filter, and the explain opener. */
export type DashboardContextValue = {
  catalogue: readonly MetricDefinition[];
  query: ReportQuery;
  segmentValue: string | null;
  explain(target: ExplainTarget): void;
};

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (value === null) throw new Error('useDashboard outside the revenue dashboard');
  return value;
}

/** A metric of the catalogue, or null: cards for metrics the server does not list (yet) are not shown. */
export function findMetric(catalogue: readonly MetricDefinition[], name: string): MetricDefinition | null {
  return catalogue.find((metric) => metric.name === name) ?? null;
}

/** The report settings a metric can take: without the segment breakdown when it has none, month when it cannot do the interval. */
export function queryFor(definition: MetricDefinition, query: ReportQuery): ReportQuery {
  const breakdown = query.breakdown !== null && definition.breakdowns.includes(query.breakdown) ? query.breakdown : null;
  const interval = definition.intervals.includes(query.interval) ? query.interval : 'month';
  return { ...query, breakdown, interval };
}
