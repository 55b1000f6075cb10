import { useMemo, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import { MetricTable } from '../metrics-explorer/metric-table.tsx';
import { ReportChart } from '../metrics-explorer/report-chart.tsx';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { isEmptyModel, toTableModel } from '../metrics-explorer/table-model.ts';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';

type ChartCardProps = { name: string; kind?: 'line' | 'bar'; emptyText?: string };

/** One metric over the report's periods as a chart (or table), each point explained on click. */
export function ChartCard({ name, kind = 'line', emptyText }: ChartCardProps) {
  const { t } = useT();
  const { catalogue, query, segmentValue, explain } = useDashboard();
  const definition = findMetric(catalogue, name);
  const report = definition ? queryFor(definition, query) : query;
  const state = useDashboardMetric(definition ? name : null, report);
  const [table, setTable] = useState(false);
  const filter = report.breakdown ? segmentValue : null;
  const model = useMemo(() => (state.status === 'ready' ? toTableModel(state.data, filter) : null), [state, filter]);
  if (!definition) return null;
  const metric = { name, title: metricTitle(definition), unit: definition.unit };
  return (
    <CardFrame
      id={`card-${name}`} title={metric.title} exploreHref={explorerHref(name, report, filter)}
      table={{ shown: table, toggle: () => setTable((shown) => !shown) }} error={state.status === 'error' ? state.error : undefined} onRetry={state.reload}
    >
      {state.status !== 'ready' || model === null ? <Skeleton height={240} /> : isEmptyModel(model) ? (
        <p className="card__empty">{emptyText ?? t('dashboard.noData')}</p>
      ) : table ? (
        <MetricTable model={model} metric={metric} query={report} caption={metric.title} onExplain={explain} />
      ) : (
        <ReportChart result={state.data} metric={metric} query={report} segmentValue={filter} kind={kind} height={240} onExplain={explain} />
      )}
    </CardFrame>
  );
}
