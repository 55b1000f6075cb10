import type { ChartLine } from './chart-builders.ts';
import { minorToChartNumber } from './metric-format.ts';
import { cellLabel } from './metric-labels.ts';
import type { MetricResult, SeriesPoint, Unit } from './metrics-api.ts';
import { matchesSegment } from './table-model.ts';

/** Extras that split one period into several points (one per AR bucket, one per lead stage). */
export const DISCRIMINATORS = ['bucket', 'stage'] as const;

export function discriminatorOf(point: SeriesPoint): Record<string, string> {
  const match: Record<string, string> = {};
  for (const field of DISCRIMINATORS) if (typeof point[field] === 'string') match[field] = point[field];
  return match;
}

export type PointLine = ChartLine & { segment: string | null | undefined; currency: string | undefined; points: ReadonlyArray<SeriesPoint | null> };
export type PointLines = { periods: string[]; lines: PointLine[]; currencies: string[] };

/**
 * A report's points as one line per (breakdown value, currency), aligned on the report's periods;
 * `nameOf` names a breakdown value in the legend (an owner's name for a user id, segment-name.tsx).
 */
export function toPointLines(result: MetricResult, segmentValue: string | null, noneLabel: string, nameOf: (segment: string) => string = (segment) => segment): PointLines {
  const periods: string[] = [];
  const seen = new Set<string>();
  const byKey = new Map<string, { segment: string | null | undefined; currency: string | undefined; split: string; splitName: string; byPeriod: Map<string, SeriesPoint> }>();
  for (const point of result.series) {
    if (!matchesSegment(point, segmentValue)) continue;
    if (!seen.has(point.period)) {
      seen.add(point.period);
      periods.push(point.period);
    }
    const currency = point.currency ?? result.currency;
    const split = Object.values(discriminatorOf(point)).join('|');
    const key = `${point.segment === undefined ? '' : (point.segment ?? '\u0000')}|${currency ?? ''}|${split}`;
    // The split's codes (an AR bucket, a stage) named for the legend; the key keeps the codes.
    const splitName = Object.entries(discriminatorOf(point)).map(([field, value]) => cellLabel(result.metric, field, value)).join(' | ');
    const line = byKey.get(key) ?? { segment: point.segment, currency, split, splitName, byPeriod: new Map<string, SeriesPoint>() };
    line.byPeriod.set(point.period, point);
    byKey.set(key, line);
  }
  const currencies = [...new Set([...byKey.values()].flatMap((line) => (line.currency ? [line.currency] : [])))];
  const lines = [...byKey.values()].map((line): PointLine => {
    const points = periods.map((period) => line.byPeriod.get(period) ?? null);
    const name = [line.split === '' ? null : line.splitName, line.segment === undefined ? null : (line.segment === null ? noneLabel : nameOf(line.segment)), currencies.length > 1 || (line.segment === undefined && line.split === '') ? (line.currency ?? null) : null]
      .filter((part): part is string => part !== null).join(' · ') || result.metric;
    const values = points.map((point) => (point === null || point.value === null ? null : result.unit === 'money' ? minorToChartNumber(point.value, line.currency) : point.value));
    return { name, segment: line.segment, currency: line.currency, points, values };
  });
  return { periods, lines, currencies };
}

/** Axis and tooltip numbers: money in its currency when there is one, percentages for shares. */
export function chartNumberFormat(unit: Unit, currencies: readonly string[], locale: string): (value: number) => string {
  if (unit === 'money' && currencies.length === 1) return (value) => new Intl.NumberFormat(locale, { style: 'currency', currency: currencies[0] }).format(value);
  if (unit === 'ratio') return (value) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value);
  if (unit === 'money') {
    // Lines in several currencies (or not known here): amounts with the currencies' minor digits,
    // 84.125,50 rather than 84.125,5 (two when none is known).
    const minorDigits = currencies.map((currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
    const digits = minorDigits.length > 0 ? Math.max(...minorDigits) : 2;
    const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return (value) => amount.format(value);
  }
  return (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
