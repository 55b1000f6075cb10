import { useT } from '../i18n/use-t.ts';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { summarizeError } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { formatFigure, formatPeriod } from '../metrics-explorer/metric-format.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import { isMovementRows, type MetricResult, type ReportQuery } from '../metrics-explorer/metrics-api.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { toPointLines } from '../metrics-explorer/series-lines.ts';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';

type KpiFiguresProps = { result: MetricResult; name: string; title: string; hint: string | null; report: ReportQuery; segmentFilter: string | null };

function KpiFigures({ result, name, title, hint, report, segmentFilter }: KpiFiguresProps) {
  const { t } = useT();
  const { explain } = useDashboard();
  const locale = intlLocale();
  const lines = toPointLines(result, segmentFilter, t('metricsExplorer.noneValue')).lines.filter((line) => line.points.some((point) => point !== null));
  if (lines.length === 0) return <p className="dashboard-kpi__empty">{t('dashboard.noData')}</p>;
  return (
    <ul className="dashboard-kpi__figures">
      {lines.map((line) => {
        const points = line.points.filter((point) => point !== null);
        const last = points[points.length - 1];
        const previous = points[points.length - 2];
        if (!last) return null;
        const figure = formatFigure(name, result.unit, last.value, line.currency, locale);
        return (
          <li key={line.name}>
            <button
              type="button" className="metrics-figure-button dashboard-kpi__figure" data-testid={`kpi-${name}-figure`}
              aria-label={t('metricsExplorer.explainFigure', { figure, period: formatPeriod(last.period, locale, t) })}
              onClick={() => explain({ metric: name, title, unit: result.unit, query: report, period: last.period, segment: last.segment, currency: line.currency, figure })}
            >
              {figure}
            </button>
            <span className="dashboard-kpi__meta">
              {[formatPeriod(last.period, locale, t), lines.length > 1 ? line.name : null, previous ? t('dashboard.previous', { figure: formatFigure(name, result.unit, previous.value, line.currency, locale) }) : null, hint]
                .filter((part): part is string => part !== null).join(' · ')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** One headline figure: the metric's value in the last period of the report (per currency), clickable to its explanation. */
export function KpiCard({ name }: { name: string }) {
  const { t } = useT();
  const { catalogue, query, segmentValue } = useDashboard();
  const definition = findMetric(catalogue, name);
  const report = definition ? queryFor(definition, query) : query;
  const state = useDashboardMetric(definition ? name : null, report);
  if (!definition) return null;
  const title = metricTitle(definition);
  const hint = query.breakdown !== null && report.breakdown === null ? t('dashboard.allSegments') : null;
  return (
    <section className="card dashboard-kpi" data-testid={`kpi-${name}`} aria-labelledby={`kpi-${name}-title`}>
      <h4 id={`kpi-${name}-title`} className="dashboard-kpi__title">{title}</h4>
      {state.status === 'loading' ? <Skeleton height={44} /> : null}
      {state.status === 'error' ? <Banner tone="error" {...summarizeError(state.error, t)} /> : null}
      {state.status === 'ready' && !isMovementRows(state.data) ? <KpiFigures result={state.data} name={name} title={title} hint={hint} report={report} segmentFilter={report.breakdown ? segmentValue : null} /> : null}
      <Link to={explorerHref(name, report, report.breakdown ? segmentValue : null)} className="dashboard-kpi__explore" aria-label={t('dashboard.exploreMetric', { metric: title })}>
        {t('dashboard.explore')}
      </Link>
    </section>
  );
}
