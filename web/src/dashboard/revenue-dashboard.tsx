import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { Banner } from '../components/banner.tsx';
import { summarizeError } from '../lib/problem.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useCompanyCurrency } from '../metrics-explorer/company-currency.ts';
import { ExplainDialog } from '../metrics-explorer/explain-dialog.tsx';
import { currencyParam } from '../metrics-explorer/explorer-state.ts';
import { preloadChart } from '../metrics-explorer/lazy-chart.tsx';
import { isMovementRows } from '../metrics-explorer/metrics-api.ts';
import { ReportControls, type ReportSettings } from '../metrics-explorer/report-controls.tsx';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { segmentValues } from '../metrics-explorer/table-model.ts';
import type { ExplainTarget } from '../metrics-explorer/use-explain.ts';
import { useCatalogue } from '../metrics-explorer/use-metric.ts';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { DashboardContext, type DashboardContextValue } from './dashboard-context.ts';
import { DASHBOARD_INTERVALS, dashboardQueryOf, dashboardSettingsOf } from './dashboard-reports.ts';
import { DashboardSections } from './dashboard-sections.tsx';
import { toQueryProblem } from '../metrics-explorer/query-problem.ts';
import '../metrics-explorer/metrics.css';
import './dashboard.css';

function dashboardSearch(settings: ReportSettings, companyCurrency: string | null): string {
  const params = new URLSearchParams({ from: settings.from, to: settings.to, interval: settings.interval });
  if (settings.segmentValue !== null) params.set('segment', settings.segmentValue);
  const currency = currencyParam(settings.currency, companyCurrency);
  if (currency) params.set('currency', currency);
  return params.toString();
}

/**
 * The dashboard's settings live in the query string of / (?from=…&to=…&interval=…&segment=smb&currency=EUR);
 * without a currency they are in the company reporting currency, `currency=original` per currency.
 */
function useDashboardSettings(companyCurrency: string | null): [ReportSettings, (next: ReportSettings) => void] {
  const { search } = useLocation();
  const settings = dashboardSettingsOf(search, companyCurrency);
  return [settings, (next) => navigate(`/?${dashboardSearch(next, companyCurrency)}`, { replace: true })];
}

/** The revenue dashboard: pickers, then ARR/MRR, retention and churn, pipeline, and finance cards. */
export function RevenueDashboard() {
  const companyCurrency = useCompanyCurrency();
  // Until the company currency is known (the page as served carries it; else one request), the
  // reports wait: asked per currency first, they would be asked again converted a moment later.
  return companyCurrency === undefined ? <Skeleton height={320} /> : <Dashboard companyCurrency={companyCurrency} />;
}

function Dashboard({ companyCurrency }: { companyCurrency: string | null }) {
  const { t } = useT();
  const catalogue = useCatalogue();
  // The chart library (a chunk of its own, lazy-chart.tsx) loads while the figures are computed,
  // not after they arrive; the charts' import finds it loaded.
  useEffect(() => {
    preloadChart().catch(() => undefined); // a chart retries a failed load
  }, []);
  const [settings, setSettings] = useDashboardSettings(companyCurrency);
  const [explainTarget, setExplainTarget] = useState<ExplainTarget | null>(null);
  const query = useMemo(() => dashboardQueryOf(settings), [settings.from, settings.to, settings.interval, settings.breakdown, settings.currency]);
  // The segment picker offers the segments that have customers in the period.
  const segments = useDashboardMetric(catalogue.status === 'ready' ? 'customers' : null, { ...query, interval: 'all', breakdown: 'segment', currency: null });
  const options = segments.status === 'ready' && !isMovementRows(segments.data) ? segmentValues(segments.data) : [];
  const mrr = useDashboardMetric(catalogue.status === 'ready' ? 'mrr' : null, query);
  const problem = mrr.status === 'error' ? toQueryProblem(mrr.error, t) : null;
  const context = useMemo<DashboardContextValue | null>(
    () => (catalogue.status === 'ready' ? { catalogue: catalogue.data, query, segmentValue: settings.segmentValue, explain: setExplainTarget } : null),
    [catalogue, query, settings.segmentValue],
  );
  return (
    <section className="dashboard-revenue" aria-labelledby="dashboard-revenue-title">
      <div className="dashboard-revenue__head">
        <h2 id="dashboard-revenue-title" className="section-title">{t('dashboard.title')}</h2>
        <ReportControls
          idPrefix="dashboard" value={settings} onChange={setSettings} intervals={DASHBOARD_INTERVALS}
          breakdowns="segment-filter" segmentValues={options} errors={problem?.fields}
        />
      </div>
      {catalogue.status === 'error' ? (
        <Banner tone="error" {...summarizeError(catalogue.error, t)}>
          <button type="button" className="button button--secondary" onClick={catalogue.reload}>{t('errors.retry')}</button>
        </Banner>
      ) : null}
      {context === null ? (catalogue.status === 'loading' ? <Skeleton height={320} /> : null) : (
        <DashboardContext.Provider value={context}>
          <DashboardSections />
        </DashboardContext.Provider>
      )}
      <ExplainDialog target={explainTarget} onClose={() => setExplainTarget(null)} />
    </section>
  );
}
