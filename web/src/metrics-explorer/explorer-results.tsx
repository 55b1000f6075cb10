import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText } from './csv-export.ts';
import type { ExplorerState } from './explorer-state.ts';
import type { MetricDefinition, MetricResult, MovementRow, ReportQuery } from './metrics-api.ts';
import { MetricTable } from './metric-table.tsx';
import { ReportChart } from './report-chart.tsx';
import { Skeleton } from './skeleton.tsx';
import { isEmptyModel, toTableModel } from './table-model.ts';
import type { ExplainTarget } from './use-explain.ts';

type ExplorerResultsProps = {
  definition: MetricDefinition;
  state: ExplorerState;
  query: ReportQuery;
  result: MetricResult | MovementRow[] | null;
  onExplain(target: ExplainTarget): void;
};

function csvFileName(state: ExplorerState): string {
  return [state.metric, state.from, state.to, state.interval, state.breakdown, state.segmentValue, state.currency].filter(Boolean).join('_').replace(/[^\w.-]+/g, '-') + '.csv';
}

/** Chart, then table (with CSV export) of one report; figures open their explanation. */
export function ExplorerResults({ definition, state, query, result, onExplain }: ExplorerResultsProps) {
  const { t } = useTranslation();
  const model = useMemo(() => (result ? toTableModel(result, state.segmentValue) : null), [result, state.segmentValue]);
  const metric = { name: definition.name, title: definition.title, unit: definition.unit };
  const empty = model !== null && isEmptyModel(model);
  return (
    <>
      <section className="card" aria-labelledby="metrics-chart-title">
        <div className="card__header">
          <h2 id="metrics-chart-title" className="card__title">{definition.title}</h2>
          <p className="card__subtitle">{definition.formula}</p>
        </div>
        {result === null || model === null ? <Skeleton height={300} /> : empty ? (
          <p className="card__empty" data-testid="metrics-empty">{t('metricsExplorer.empty')}</p>
        ) : (
          <ReportChart result={result} metric={metric} query={query} segmentValue={state.segmentValue} kind={definition.unit === 'money' || definition.unit === 'ratio' ? 'line' : 'bar'} height={320} onExplain={onExplain} />
        )}
      </section>
      <section className="card" aria-labelledby="metrics-table-title">
        <div className="card__header metrics-card-header">
          <div>
            <h2 id="metrics-table-title" className="card__title">{t('metricsExplorer.tableTitle')}</h2>
            <p className="card__subtitle">{t('metricsExplorer.tableHint')}</p>
          </div>
          <button
            type="button" className="button button--secondary" disabled={model === null || model.rows.length === 0}
            onClick={() => model && downloadText(csvFileName(state), buildCsv(model, definition.unit))}
          >
            {t('metricsExplorer.exportCsv')}
          </button>
        </div>
        {model === null ? <Skeleton height={200} /> : model.rows.length === 0 ? (
          <p className="card__empty">{t('metricsExplorer.empty')}</p>
        ) : (
          <MetricTable model={model} metric={metric} query={query} caption={t('metricsExplorer.tableCaption', { metric: definition.title })} onExplain={onExplain} />
        )}
      </section>
    </>
  );
}
