import { addMonths, alignRange, currentMonth } from '../metrics-explorer/period-range.ts';
import type { MetricResult, ReportQuery, SeriesPoint } from '../metrics-explorer/metrics-api.ts';

/**
 * The figures of a sales rep's or manager's home page (team-dashboard.tsx): their team's metrics
 * (docs/metrics.md "Who sees what") for the calendar quarter the user's today falls in, beside the
 * quarter before it. Pure shaping of the metrics API's answers; the page formats them.
 */

/** The quarter the user is in ('2026-Q1', so far) and the one before, as the report's months (calendar quarters, as the API wants). */
export type TeamQuarters = { current: string; previous: string; from: string; to: string };

/** The five headline metrics, in the order their cards show. */
export const TEAM_KPIS = ['bookings', 'win-rate', 'pipeline-value', 'sales-cycle-days', 'pipeline-velocity'] as const;
export type TeamKpi = (typeof TEAM_KPIS)[number];
/** The "By rep" table's metrics (a manager's), broken down by owner. */
export const BY_REP_METRICS = ['bookings', 'win-rate', 'pipeline-value'] as const;

function quarterKey(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** This quarter and the last in the browser's calendar (the user's "now", as the explorer's presets). */
export function teamQuartersOf(now: Date): TeamQuarters {
  const month = currentMonth(now);
  const { from: start, to } = alignRange({ from: month, to: month }, 'quarter');
  const from = addMonths(start, -3);
  return { current: quarterKey(start), previous: quarterKey(from), from, to };
}

/**
 * One report of both quarters for every card: a quarter's point and the one before come in the same
 * answer, and all the cards' reports go out in one POST /metrics/batch. `currency`: the company
 * reporting currency (null: per currency), as the revenue dashboard asks.
 */
export function teamReportQuery(quarters: TeamQuarters, currency: string | null): ReportQuery {
  return { from: quarters.from, to: quarters.to, interval: 'quarter', breakdown: null, currency };
}

/** A headline figure in one currency (money) or the only one (ratios, days): this quarter's, last quarter's, and the change between. */
export type QuarterFigure = { currency: string | undefined; point: SeriesPoint | null; value: number | null; previous: number | null; change: number | null };

/** (current − previous) ÷ |previous|; null when there is nothing to compare with (no figure, or zero last quarter). */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** The unsegmented report's figures, one per currency in the order the API lists them. */
export function quarterFiguresOf(result: MetricResult, quarters: TeamQuarters): QuarterFigure[] {
  const byCurrency = new Map<string, { currency: string | undefined; current: SeriesPoint | null; previous: SeriesPoint | null }>();
  for (const point of result.series) {
    const currency = point.currency ?? result.currency;
    const entry = byCurrency.get(currency ?? '') ?? { currency, current: null, previous: null };
    if (point.period === quarters.current) entry.current = point;
    if (point.period === quarters.previous) entry.previous = point;
    byCurrency.set(currency ?? '', entry);
  }
  return [...byCurrency.values()].map(({ currency, current, previous }) => {
    const value = current?.value ?? null;
    const before = previous?.value ?? null;
    return { currency, point: current, value, previous: before, change: relativeChange(value, before) };
  });
}

/**
 * "No deals yet": nothing closed in either quarter and nothing open (the API answers no series for
 * bookings, win rate and the open pipeline then), so the cards would all read "—".
 */
export function hasNoDeals(reports: ReadonlyArray<MetricResult | null>): boolean {
  return reports.every((report) => report !== null && report.series.length === 0);
}

export type MoneyCell = { currency: string | undefined; value: number };
export type RepRow = { ownerId: string; bookings: MoneyCell[]; winRate: number | null; wonCount: number; lostCount: number; pipeline: MoneyCell[] };

/**
 * The amounts worth a cell: a currency with nothing in it says nothing ("€0.00 · $1,200.00" is
 * "$1,200.00"), but a rep with nothing at all shows the zero of the first currency rather than a blank.
 */
function moneyCells(points: readonly SeriesPoint[], result: MetricResult): MoneyCell[] {
  const cells = points.map((point) => ({ currency: point.currency ?? result.currency, value: point.value ?? 0 }));
  const nonZero = cells.filter((cell) => cell.value !== 0);
  return nonZero.length > 0 ? nonZero : cells.slice(0, 1);
}

type ByOwner = { bookings: MetricResult; winRate: MetricResult; pipeline: MetricResult };

/**
 * A manager's "By rep" rows for one quarter from the three reports broken down by owner: one row
 * per owner the API answers (the owners in her scope with a deal closed in the two quarters or open),
 * by bookings (the first currency's) highest first, then by id so the order is stable.
 */
export function repRowsOf({ bookings, winRate, pipeline }: ByOwner, quarter: string): RepRow[] {
  const inQuarter = (result: MetricResult) => result.series.filter((point) => point.period === quarter);
  // Unowned records (segment null) count for nobody's team: the API never answers them to a sales role.
  const owners = [...new Set([bookings, winRate, pipeline].flatMap((result) => inQuarter(result).flatMap((point) => (typeof point.segment === 'string' ? [point.segment] : []))))];
  const pointsOf = (result: MetricResult, ownerId: string) => inQuarter(result).filter((point) => point.segment === ownerId);
  const rows = owners.map((ownerId): RepRow => {
    const rate = pointsOf(winRate, ownerId)[0];
    return {
      ownerId,
      bookings: moneyCells(pointsOf(bookings, ownerId), bookings),
      winRate: rate?.value ?? null,
      wonCount: typeof rate?.['wonCount'] === 'number' ? rate['wonCount'] : 0,
      lostCount: typeof rate?.['lostCount'] === 'number' ? rate['lostCount'] : 0,
      pipeline: moneyCells(pointsOf(pipeline, ownerId), pipeline),
    };
  });
  const sortCurrency = inQuarter(bookings)[0]?.currency ?? bookings.currency;
  const booked = (row: RepRow) => row.bookings.find((cell) => cell.currency === sortCurrency)?.value ?? 0;
  return rows.sort((a, b) => booked(b) - booked(a) || (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0));
}
