import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { summarizeError } from '../lib/problem.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { AsOfField } from './as-of-field.tsx';
import { useCompanyCurrency } from './company-currency.ts';
import { ExplainDialog } from './explain-dialog.tsx';
import { explorerSearch, parseExplorerState, type ExplorerState } from './explorer-state.ts';
import { ExplorerResults } from './explorer-results.tsx';
import { metricFormula, metricTitle } from './metric-labels.ts';
import { MetricPicker } from './metric-picker.tsx';
import type { MetricDefinition } from './metrics-api.ts';
import { alignRange } from './period-range.ts';
import { ReportControls } from './report-controls.tsx';
import { Skeleton } from './skeleton.tsx';
import { toQueryProblem } from './query-problem.ts';
import { useCatalogue, useMetric } from './use-metric.ts';
import { SegmentNameProvider } from './segment-name.tsx';
import { segmentValues } from './table-model.ts';
import type { ExplainTarget } from './use-explain.ts';
import './metrics.css';

/** The state for another metric: an interval the new metric does not take falls back to month (or its first). */
function withMetric(state: ExplorerState, definition: MetricDefinition): ExplorerState {
  const interval = definition.intervals.includes(state.interval) ? state.interval : definition.intervals.includes('month') ? 'month' : (definition.intervals[0] ?? 'month');
  const breakdown = state.breakdown !== null && definition.breakdowns.includes(state.breakdown) ? state.breakdown : null;
  return { ...state, metric: definition.name, interval, breakdown, segmentValue: breakdown === null ? null : state.segmentValue, ...alignRange(state, interval) };
}

function Explorer({ catalogue, companyCurrency }: { catalogue: MetricDefinition[]; companyCurrency: string | null }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  // Without currency in the URL, the company reporting currency (explorer-state.ts); without a
  // metric, MRR — or the first of a catalogue without it (a sales role's: its team's metrics).
  const state = parseExplorerState(search, new Date(), companyCurrency, defaultMetricOf(catalogue));
  const definition = catalogue.find((metric) => metric.name === state.metric) ?? null;
  const query = { from: state.from, to: state.to, interval: state.interval, breakdown: state.breakdown, currency: state.currency, asOf: state.asOf };
  const report = useMetric(definition ? definition.name : null, query);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const problem = report.status === 'error' ? toQueryProblem(report.error, t) : null;
  const values = useMemo(() => (report.status === 'ready' ? segmentValues(report.data) : []), [report]);
  const update = (next: ExplorerState) => navigate(`/metrics?${explorerSearch(next, companyCurrency)}`, { replace: true });

  return (
    <SegmentNameProvider breakdown={state.breakdown} values={state.segmentValue === null ? values : [...values, state.segmentValue]}>
      <section className="card metrics-explorer__settings" aria-labelledby="metrics-settings-title">
        <h2 id="metrics-settings-title" className="visually-hidden">{t('metricsExplorer.settingsTitle')}</h2>
        <MetricPicker catalogue={catalogue} value={state.metric} onChange={(name) => {
          const next = catalogue.find((metric) => metric.name === name);
          if (next) update(withMetric(state, next));
        }} />
        {definition ? (
          <ReportControls
            idPrefix="metrics" value={state} onChange={(next) => update({ ...state, ...next })}
            intervals={definition.intervals} breakdowns={definition.breakdowns} segmentValues={values} errors={problem?.fields}
          />
        ) : null}
        <AsOfField id="metrics-as-of" value={state.asOf} onChange={(asOf) => update({ ...state, asOf })} error={problem?.fields.asOf} />
      </section>
      {definition === null ? <Banner tone="error" title={t('metricsExplorer.unknownMetric', { metric: state.metric })} /> : null}
      {problem ? (
        <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail}>
          <button type="button" className="button button--secondary" onClick={report.reload}>{t('errors.retry')}</button>
        </Banner>
      ) : null}
      {definition && report.status !== 'error' ? (
        <ExplorerResults
          definition={{ ...definition, title: metricTitle(definition), formula: metricFormula(definition) }} state={state} query={query}
          result={report.status === 'ready' ? report.data : null} onExplain={setExplain}
        />
      ) : null}
      <ExplainDialog target={explain} onClose={() => setExplain(null)} />
    </SegmentNameProvider>
  );
}

function defaultMetricOf(catalogue: readonly MetricDefinition[]): string {
  return catalogue.some((metric) => metric.name === 'mrr') ? 'mrr' : (catalogue[0]?.name ?? 'mrr');
}

/**
 * For the sales roles (catalogue entries marked scope team): every figure here is their team's,
 * never the company's (docs/metrics.md "Who sees what"), and the page says so before any figure.
 */
function TeamScopeNote({ catalogue }: { catalogue: readonly MetricDefinition[] }) {
  const { t } = useTranslation();
  if (!catalogue.some((metric) => metric.scope === 'team')) return null;
  return (
    <div className="metrics-explorer__scope" data-testid="metrics-team-scope">
      <Banner tone="info" title={t('metricsExplorer.teamScope.title')} detail={t('metricsExplorer.teamScope.detail')} />
    </div>
  );
}

/** /metrics: any metric of the catalogue, its chart, table, explanations and CSV export; the state lives in the URL. */
export function MetricsExplorerPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('metricsExplorer.title'));
  const catalogue = useCatalogue();
  const companyCurrency = useCompanyCurrency();
  return (
    <div className="metrics-explorer">
      <PageHeader title={t('metricsExplorer.title')} description={t('metricsExplorer.description')} />
      {catalogue.status === 'error' ? (
        <Banner tone="error" {...summarizeError(catalogue.error, t)}>
          <button type="button" className="button button--secondary" onClick={catalogue.reload}>{t('errors.retry')}</button>
        </Banner>
      ) : catalogue.status === 'loading' || companyCurrency === undefined ? (
        <Skeleton height={320} />
      ) : (
        <>
          <TeamScopeNote catalogue={catalogue.data} />
          <Explorer catalogue={catalogue.data} companyCurrency={companyCurrency} />
        </>
      )}
    </div>
  );
}
