import { useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { percentAxis, seriesOption } from '../metrics-explorer/chart-builders.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { LazyChart } from '../metrics-explorer/lazy-chart.tsx';
import { formatFigure, formatPeriod } from '../metrics-explorer/metric-format.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import { isMovementRows, type MetricDefinition, type ReportQuery, type Unit } from '../metrics-explorer/metrics-api.ts';
import { chartNumberFormat, toPointLines, type PointLine } from '../metrics-explorer/series-lines.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';
import { MultiMetricTable } from './multi-metric-table.tsx';

export type MetricLine = { definition: MetricDefinition; title: string; report: ReportQuery; line: PointLine };

type MultiMetricCardProps = { id: string; title: string; names: readonly string[]; kind: 'line' | 'bar'; emptyText?: string };

/**
 * Several metrics of one unit side by side (bookings vs billings vs revenue vs cash; the churn
 * rates): one series each, for the metrics the catalogue lists. Several currencies without a
 * reporting currency: the first one is shown, and the card says so.
 */
export function MultiMetricCard({ id, title, names, kind, emptyText }: MultiMetricCardProps) {
  const { t } = useT();
  const locale = intlLocale();
  const { catalogue, query, segmentValue, explain } = useDashboard();
  const [table, setTable] = useState(false);
  const definitions = names.map((name) => findMetric(catalogue, name));
  const reports = definitions.map((definition) => (definition ? queryFor(definition, query) : query));
  // A fixed number of hooks: one per name, idle for metrics the catalogue does not list.
  const states = names.map((name, index) => useDashboardMetric(definitions[index] ? name : null, reports[index] as ReportQuery));
  const present = definitions.filter((definition): definition is MetricDefinition => definition !== null);
  if (present.length === 0) return null;
  const failed = states.find((state, index) => definitions[index] && state.status === 'error');
  const loading = states.some((state, index) => definitions[index] && state.status === 'loading');
  const lines: MetricLine[] = [];
  const currencies = new Set<string>();
  states.forEach((state, index) => {
    const definition = definitions[index];
    const report = reports[index] as ReportQuery;
    if (!definition || state.status !== 'ready' || isMovementRows(state.data)) return;
    const pointLines = toPointLines(state.data, report.breakdown ? segmentValue : null, t('metricsExplorer.noneValue')).lines;
    pointLines.forEach((line) => line.currency && currencies.add(line.currency));
    const first = pointLines[0];
    if (first) lines.push({ definition, title: metricTitle(definition), report, line: first });
  });
  const currency = lines[0]?.line.currency;
  const shown = lines.filter((entry) => entry.line.currency === currency);
  const periods = [...new Set(shown.flatMap((entry) => entry.line.points.flatMap((point) => (point ? [point.period] : []))))].sort();
  const unit: Unit = shown[0]?.definition.unit ?? 'money';
  const empty = shown.every((entry) => entry.line.points.every((point) => point === null || point.value === null || point.value === 0));
  const subtitle = currencies.size > 1 && currency ? t('dashboard.oneCurrency', { currency }) : null;
  const valuesOf = (entry: MetricLine) => periods.map((period) => entry.line.values[entry.line.points.findIndex((point) => point?.period === period)] ?? null);
  const openPoint = (entry: MetricLine, period: string) => {
    const point = entry.line.points.find((candidate) => candidate?.period === period);
    if (!point || point.value === null) return;
    explain({ metric: entry.definition.name, title: entry.title, unit: entry.definition.unit, query: entry.report, period, segment: point.segment, currency: entry.line.currency, figure: formatFigure(entry.definition.name, entry.definition.unit, point.value, entry.line.currency, locale) });
  };
  const summary = shown.map((entry) => {
    const last = [...entry.line.points].reverse().find((point) => point !== null);
    return last ? `${entry.title} ${formatFigure(entry.definition.name, entry.definition.unit, last.value, entry.line.currency, locale)} (${formatPeriod(last.period, locale, t)})` : entry.title;
  }).join('; ');
  return (
    <CardFrame
      id={id} title={title} subtitle={subtitle} exploreHref={explorerHref(present[0]?.name ?? 'mrr', query, segmentValue)}
      table={{ shown: table, toggle: () => setTable((value) => !value) }} error={failed?.status === 'error' ? failed.error : undefined} onRetry={failed?.reload}
    >
      {loading ? <Skeleton height={240} /> : empty ? <p className="card__empty">{emptyText ?? t('dashboard.noData')}</p> : table ? (
        <MultiMetricTable caption={title} periods={periods} entries={shown} onExplain={openPoint} />
      ) : (
        <LazyChart
          option={seriesOption({ categories: periods.map((period) => formatPeriod(period, locale, t)), lines: shown.map((entry) => ({ name: entry.title, values: valuesOf(entry) })), kind, locale, format: chartNumberFormat(unit, currency ? [currency] : [], locale), axis: unit === 'ratio' ? percentAxis(locale) : undefined })}
          height={240} label={t('dashboard.multiSummary', { title, summary })}
          onPointClick={({ seriesIndex, dataIndex }) => {
            const entry = shown[seriesIndex];
            const period = periods[dataIndex];
            if (entry && period) openPoint(entry, period);
          }}
        />
      )}
    </CardFrame>
  );
}
