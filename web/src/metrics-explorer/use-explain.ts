import { useEffect, useState } from 'react';
import { fetchMetric, isMovementRows, type Explain, type MovementKind, type ReportQuery, type SeriesPoint, type MovementRow, type Unit } from './metrics-api.ts';
import { monthsOfPeriod } from './period-range.ts';

/** A figure the reader clicked: which metric, which point (period, breakdown value, currency), and how it was asked for. */
export type ExplainTarget = {
  metric: string;
  title: string;
  unit: Unit;
  query: ReportQuery;
  period: string;
  segment?: string | null | undefined;
  currency?: string | undefined;
  /** mrr-movements: one movement of the bridge, or its start or end. */
  movement?: MovementKind | 'start' | 'end' | undefined;
  figure: string;
  /** Points that split a period further (ar-aging's `bucket`, leads-by-stage's `stage`): which one. */
  match?: Record<string, string> | undefined;
  /** Only the records whose field has this value (the deals of one stage of the open pipeline). */
  filter?: { field: string; value: string } | undefined;
  /** An explanation already at hand (AR aging from the payments API): shown without a request. */
  preloaded?: { explain: Explain; currency: string | undefined } | undefined;
  /** False when the figure does not come from the metrics catalogue (no explorer page for it). */
  explorable?: boolean | undefined;
};

export type ExplainState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; explain: Explain; point: SeriesPoint | MovementRow; currency: string | undefined };

function samePoint(point: SeriesPoint | MovementRow, target: ExplainTarget): boolean {
  if (point.period !== target.period) return false;
  if (target.segment !== undefined && (point.segment ?? null) !== (target.segment ?? null)) return false;
  if (target.currency !== undefined && point.currency !== undefined && point.currency !== target.currency) return false;
  return Object.entries(target.match ?? {}).every(([field, value]) => (point as Record<string, unknown>)[field] === value);
}

/**
 * Asks for the one period of the clicked figure with explain=true (explain output grows with the
 * contributors, so never the whole range) and picks the point out of the answer.
 */
export function useExplain(target: ExplainTarget | null): ExplainState | null {
  const [state, setState] = useState<ExplainState | null>(null);
  useEffect(() => {
    if (target === null) {
      setState(null);
      return;
    }
    if (target.preloaded) {
      setState({ status: 'ready', explain: target.preloaded.explain, point: { period: target.period, value: null }, currency: target.preloaded.currency });
      return;
    }
    let active = true;
    setState({ status: 'loading' });
    const months = target.query.interval === 'all' ? target.query : monthsOfPeriod(target.period, target.query);
    fetchMetric(target.metric, { ...target.query, from: months.from, to: months.to }, { explain: true })
      .then((result) => {
        if (!active) return;
        const points: ReadonlyArray<SeriesPoint | MovementRow> = isMovementRows(result) ? result : result.series;
        const point = points.find((candidate) => samePoint(candidate, target));
        if (!point?.explain) throw new Error(`No explained figure for ${target.period}`);
        const currency = point.currency ?? (isMovementRows(result) ? undefined : result.currency);
        setState({ status: 'ready', explain: point.explain, point, currency });
      })
      .catch((error: unknown) => {
        if (active) setState({ status: 'error', error });
      });
    return () => {
      active = false;
    };
  }, [target]);
  return state;
}
