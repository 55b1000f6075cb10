import { isMovementRows, type MetricResult, type MovementRow, type SeriesPoint } from './metrics-api.ts';

/**
 * A report as columns and rows: one model for the table on screen and the CSV export, so both
 * show the same figures. Money cells keep integer minor units; formatting happens at the edges.
 */
export type ColumnKind = 'period' | 'text' | 'figure' | 'restated' | 'money' | 'number';
export type Column = { key: string; kind: ColumnKind };
/** `restatedOnly`: with asOf, a series that did not exist as reported (docs/metrics.md "As of"). */
export type Row = {
  key: string; period: string; segment: string | null | undefined; currency: string | undefined; cells: Record<string, unknown>; source: SeriesPoint | MovementRow;
  restatedOnly: boolean;
};
export type TableModel = { columns: Column[]; rows: Row[] };

const SKIPPED = new Set(['period', 'segment', 'currency', 'value', 'explain', 'restatedValue', 'restatement', 'restatedOnly']);
const MOVEMENT_COLUMNS = [
  'mrrStartMinor', 'newMinor', 'expansionMinor', 'reactivationMinor', 'contractionMinor', 'churnMinor', 'mrrEndMinor',
  'customersStart', 'customersNew', 'customersReactivated', 'customersChurned', 'customersEnd',
] as const;

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function extraColumns(series: readonly SeriesPoint[]): Column[] {
  const keys: string[] = [];
  for (const point of series) {
    for (const [key, value] of Object.entries(point)) {
      if (!SKIPPED.has(key) && isScalar(value) && !keys.includes(key)) keys.push(key);
    }
  }
  return keys.map((key) => ({ key, kind: key.endsWith('Minor') ? 'money' : typeof series.find((p) => p[key] !== null)?.[key] === 'number' ? 'number' : 'text' }));
}

const RESTATED_SERIES_COLUMNS: Column[] = [{ key: 'restatedValue', kind: 'restated' }, { key: 'restatement', kind: 'restated' }];
const RESTATED_MOVEMENT_COLUMNS: Column[] = [{ key: 'restatedMrrEndMinor', kind: 'money' }, { key: 'restatementMinor', kind: 'money' }];

function isMovementRow(point: SeriesPoint | MovementRow): point is MovementRow {
  return 'mrrEndMinor' in point;
}

function cellOf(key: string, point: SeriesPoint | MovementRow): unknown {
  if (key === 'segment') return point.segment ?? null;
  if (key === 'restatedMrrEndMinor') return isMovementRow(point) ? point.restated?.mrrEndMinor : undefined;
  return (point as Record<string, unknown>)[key];
}

/** Points of one breakdown value only, when the reader filtered to one (segment filter). */
export function matchesSegment(point: { segment?: string | null }, segmentValue: string | null): boolean {
  return segmentValue === null || (point.segment ?? '(none)') === segmentValue;
}

export function toTableModel(result: MetricResult | MovementRow[], segmentValue: string | null = null): TableModel {
  const points: ReadonlyArray<SeriesPoint | MovementRow> = isMovementRows(result) ? result : result.series;
  const visible = points.filter((point) => matchesSegment(point, segmentValue));
  const hasSegment = visible.some((point) => point.segment !== undefined);
  const hasCurrency = visible.some((point) => point.currency !== undefined);
  const head: Column[] = [{ key: 'period', kind: 'period' }];
  if (hasSegment) head.push({ key: 'segment', kind: 'text' });
  if (hasCurrency) head.push({ key: 'currency', kind: 'text' });
  // With asOf every point carries its restatement: the figure now and the difference, beside the figure as reported.
  const restated = visible.some((point) => 'restatedValue' in point || 'restatementMinor' in point);
  const columns: Column[] = isMovementRows(result)
    ? [...head, ...MOVEMENT_COLUMNS.map((key): Column => ({ key, kind: key.endsWith('Minor') ? 'money' : 'number' })), ...(restated ? RESTATED_MOVEMENT_COLUMNS : [])]
    : [...head, { key: 'value', kind: 'figure' }, ...(restated ? RESTATED_SERIES_COLUMNS : []), ...extraColumns(result.series)];
  const rows = visible.map((point, index): Row => {
    const cells: Record<string, unknown> = {};
    for (const column of columns) cells[column.key] = cellOf(column.key, point);
    const currency = point.currency ?? (isMovementRows(result) ? undefined : result.currency);
    return { key: `${index}`, period: point.period, segment: point.segment, currency, cells, source: point, restatedOnly: point.restatedOnly === true };
  });
  return { columns, rows };
}

/** The distinct breakdown values in a report, for the segment filter (null shown as "(none)"). */
export function segmentValues(result: MetricResult | MovementRow[]): string[] {
  const points: ReadonlyArray<{ segment?: string | null }> = isMovementRows(result) ? result : result.series;
  const values = new Set<string>();
  for (const point of points) if (point.segment !== undefined) values.add(point.segment ?? '(none)');
  return [...values].sort((a, b) => a.localeCompare(b));
}

const FIGURE_KEYS = ['value', 'mrrStartMinor', 'mrrEndMinor', 'newMinor', 'reactivationMinor'];

/** Nothing to draw: every figure is missing or zero (no subscriptions, no deals in the range). */
export function isEmptyModel(model: TableModel): boolean {
  return model.rows.every((row) => FIGURE_KEYS.every((key) => row.cells[key] === undefined || row.cells[key] === null || row.cells[key] === 0));
}
