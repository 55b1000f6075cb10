import { useMemo } from 'react';
import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { MOVEMENT_COLORS, movementsOption, percentAxis, seriesOption, type ChartLine } from './chart-builders.ts';
import { LazyChart } from './lazy-chart.tsx';
import { formatFigure, formatPeriod, minorToChartNumber, NOT_A_SHARE } from './metric-format.ts';
import { isMovementRows, type MetricResult, type MovementKind, type MovementRow, type ReportQuery, type Unit } from './metrics-api.ts';
import { useSegmentName } from './segment-name.tsx';
import { chartNumberFormat, discriminatorOf, toPointLines } from './series-lines.ts';
import { matchesSegment } from './table-model.ts';
import type { ExplainTarget } from './use-explain.ts';

type ReportChartProps = {
  result: MetricResult | MovementRow[];
  metric: { name: string; title: string; unit: Unit };
  query: ReportQuery;
  segmentValue: string | null;
  kind?: 'line' | 'bar';
  height?: number;
  onExplain(target: ExplainTarget): void;
};

const GAINS: MovementKind[] = ['new', 'expansion', 'reactivation'];
const LOSSES: MovementKind[] = ['contraction', 'churn'];

function MovementsChart({ rows, metric, query, segmentValue, height, onExplain }: Omit<ReportChartProps, 'result' | 'kind'> & { rows: MovementRow[] }) {
  const { t } = useT();
  const locale = intlLocale();
  const { visible, currency, option } = useMemo(() => {
    // One currency (the first; a reporting currency makes it the only one) and one breakdown value at a time.
    const shown = rows.filter((row) => matchesSegment(row, segmentValue) && row.currency === rows[0]?.currency && (segmentValue !== null || row.segment === rows[0]?.segment));
    const code = shown[0]?.currency;
    const line = (kind: MovementKind): ChartLine => ({ name: t(`metricsExplorer.movements.${kind}`), values: shown.map((row) => minorToChartNumber(row[`${kind}Minor`], code)) });
    return {
      visible: shown,
      currency: code,
      option: movementsOption({
        categories: shown.map((row) => formatPeriod(row.period, locale, t)), gains: GAINS.map(line), losses: LOSSES.map(line),
        end: { name: t('metricsExplorer.movements.end'), values: shown.map((row) => minorToChartNumber(row.mrrEndMinor, code)) },
        colors: [...GAINS, ...LOSSES].map((kind) => MOVEMENT_COLORS[kind]), locale, format: chartNumberFormat('money', code ? [code] : [], locale),
      }),
    };
  }, [rows, segmentValue, locale, t]);
  const last = visible[visible.length - 1];
  const label = last && currency
    ? t('metricsExplorer.chartSummaryMovements', { metric: metric.title, n: visible.length, period: formatPeriod(last.period, locale, t), end: formatFigure('mrr', 'money', last.mrrEndMinor, currency, locale) })
    : t('metricsExplorer.chartEmpty', { metric: metric.title });
  const order: Array<MovementKind | 'end'> = [...GAINS, ...LOSSES, 'end'];
  return (
    <LazyChart option={option} height={height} label={label} onPointClick={({ seriesIndex, dataIndex }) => {
      const row = visible[dataIndex];
      const movement = order[seriesIndex];
      if (!row || !movement) return;
      const amount = movement === 'end' ? row.mrrEndMinor : row[`${movement}Minor`];
      onExplain({ metric: metric.name, title: metric.title, unit: 'money', query, period: row.period, segment: row.segment, currency: row.currency, movement, figure: formatFigure('mrr', 'money', amount, row.currency, locale) });
    }} />
  );
}

/** The report as a chart; a click on a point opens its explanation. */
export function ReportChart({ result, metric, query, segmentValue, kind = 'line', height, onExplain }: ReportChartProps) {
  const { t } = useT();
  const locale = intlLocale();
  const nameOf = useSegmentName();
  const lines = useMemo(() => (isMovementRows(result) ? null : toPointLines(result, segmentValue, t('metricsExplorer.noneValue'), nameOf)), [result, segmentValue, t, nameOf]);
  const option = useMemo(() => lines && seriesOption({
    categories: lines.periods.map((period) => formatPeriod(period, locale, t)), lines: lines.lines, kind, locale, format: chartNumberFormat(metric.unit, lines.currencies, locale),
    axis: metric.unit === 'ratio' && !NOT_A_SHARE.has(metric.name) ? percentAxis(locale) : undefined,
  }), [lines, kind, locale, metric.unit, metric.name, t]);
  if (isMovementRows(result)) return <MovementsChart rows={result} metric={metric} query={query} segmentValue={segmentValue} height={height} onExplain={onExplain} />;
  if (!lines || !option) return null;
  const first = lines.lines[0];
  const lastIndex = lines.periods.length - 1;
  const lastPoint = first?.points[lastIndex];
  const label = first && lastPoint
    ? t('metricsExplorer.chartSummary', {
      metric: metric.title, n: lines.periods.length, series: lines.lines.length,
      from: formatPeriod(lines.periods[0] ?? '', locale, t), to: formatPeriod(lines.periods[lastIndex] ?? '', locale, t),
      latest: formatFigure(metric.name, metric.unit, lastPoint.value, first.currency, locale),
    })
    : t('metricsExplorer.chartEmpty', { metric: metric.title });
  return (
    <LazyChart option={option} height={height} label={label} onPointClick={({ seriesIndex, dataIndex }) => {
      const line = lines.lines[seriesIndex];
      const point = line?.points[dataIndex];
      if (!line || !point || point.value === null) return;
      onExplain({ metric: metric.name, title: metric.title, unit: metric.unit, query, period: point.period, segment: point.segment, currency: line.currency, match: discriminatorOf(point), figure: formatFigure(metric.name, metric.unit, point.value, line.currency, locale) });
    }} />
  );
}
