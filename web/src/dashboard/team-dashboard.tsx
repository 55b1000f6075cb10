import { useMemo } from 'react';
import { useT } from '../i18n/use-t.ts';
import { useSession } from '../auth/session.tsx';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatNumber } from '../lib/format.ts';
import { numberFormat } from '../lib/intl-formats.ts';
import { summarizeError } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { useCompanyCurrency } from '../metrics-explorer/company-currency.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { formatFigure, formatPeriod } from '../metrics-explorer/metric-format.ts';
import { isMovementRows, type MetricResult, type ReportQuery } from '../metrics-explorer/metrics-api.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { BY_REP_METRICS, hasNoDeals, quarterFiguresOf, TEAM_KPIS, teamQuartersOf, teamReportQuery, type QuarterFigure, type TeamKpi, type TeamQuarters } from './team-figures.ts';
import { TeamByRep } from './team-by-rep.tsx';
import './dashboard.css';

type Report = ReturnType<typeof useDashboardMetric>;

/** The answered report, or null while it loads or when it failed. */
function resultOf(state: Report | undefined): MetricResult | null {
  return state?.status === 'ready' && !isMovementRows(state.data) ? state.data : null;
}

/**
 * A sales rep's or manager's home page figures (docs/metrics.md "Who sees what"): their team's
 * bookings, win rate, open pipeline, sales cycle and velocity for this quarter, and for a manager
 * the same by rep. Asked in the company reporting currency once it is known, as the revenue dashboard.
 */
export function TeamDashboard() {
  const companyCurrency = useCompanyCurrency();
  return companyCurrency === undefined ? <Skeleton height={200} /> : <TeamFigures companyCurrency={companyCurrency} />;
}

function TeamFigures({ companyCurrency }: { companyCurrency: string | null }) {
  const { t } = useT();
  const { user } = useSession();
  const locale = intlLocale();
  const quarters = useMemo(() => teamQuartersOf(new Date()), []);
  const query = useMemo(() => teamReportQuery(quarters, companyCurrency), [quarters, companyCurrency]);
  const byOwner = useMemo<ReportQuery>(() => ({ ...query, breakdown: 'owner' }), [query]);
  const manager = user.role === 'sales_manager';
  // A fixed number of hooks; asked in the same render, all reports go out in one POST /metrics/batch.
  const kpis = TEAM_KPIS.map((name) => useDashboardMetric(name, query));
  const byRep = BY_REP_METRICS.map((name) => useDashboardMetric(manager ? name : null, byOwner));
  const states = manager ? [...kpis, ...byRep] : kpis;
  const failed = states.filter((state) => state.status === 'error');
  const stateOf = (name: TeamKpi) => kpis[TEAM_KPIS.indexOf(name)];
  // A rep outside any team sees only their own deals (crm's ownerScope).
  const solo = user.role === 'sales_rep' && user.teamId === null;
  const period = (key: string) => formatPeriod(key, locale, t);
  const noDeals = hasNoDeals([resultOf(stateOf('bookings')), resultOf(stateOf('win-rate')), resultOf(stateOf('pipeline-value'))]);
  return (
    <section className="team-dashboard" aria-labelledby="team-dashboard-title" data-testid="team-dashboard">
      <div className="team-dashboard__head">
        <h2 id="team-dashboard-title" className="section-title">{solo ? t('dashboard.team.titleSolo') : t('dashboard.team.title')}</h2>
        <p className="muted">
          {solo ? t('dashboard.team.introSolo', { quarter: period(quarters.current), previous: period(quarters.previous) })
            : t('dashboard.team.intro', { quarter: period(quarters.current), previous: period(quarters.previous) })}
        </p>
      </div>
      {failed.length > 0 ? (
        <Banner tone="error" {...summarizeError(failed[0]?.status === 'error' ? failed[0].error : null, t)}>
          <button type="button" className="button button--secondary" onClick={() => failed.forEach((state) => state.reload())}>{t('errors.retry')}</button>
        </Banner>
      ) : null}
      {noDeals ? (
        <div className="card dashboard-empty" data-testid="team-dashboard-empty">
          <p className="dashboard-empty__title">{t('dashboard.team.noDeals')}</p>
          <p className="muted">{t('dashboard.team.noDealsBody')}</p>
          <Link to="/pipeline" className="button button--secondary">{t('dashboard.team.goToPipeline')}</Link>
        </div>
      ) : (
        <>
          <div className="dashboard-kpis">
            {TEAM_KPIS.map((name) => <TeamKpiCard key={name} name={name} state={stateOf(name)} query={query} quarters={quarters} />)}
          </div>
          {manager ? (
            <TeamByRep
              bookings={resultOf(byRep[0])} winRate={resultOf(byRep[1])} pipeline={resultOf(byRep[2])}
              status={byRep.some((state) => state.status === 'error') ? 'failed' : byRep.some((state) => state.status === 'loading') ? 'loading' : 'ready'}
              query={byOwner} quarter={quarters.current}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

type T = ReturnType<typeof useT>['t'];

function kpiTitle(name: TeamKpi, t: T): string {
  switch (name) {
    case 'bookings': return t('dashboard.team.bookings');
    case 'win-rate': return t('dashboard.team.winRate');
    case 'pipeline-value': return t('dashboard.team.pipeline');
    case 'sales-cycle-days': return t('dashboard.team.salesCycle');
    case 'pipeline-velocity': return t('dashboard.team.velocity');
  }
}

/** A card without a figure: nothing won (bookings, cycle), nothing closed (win rate, velocity), nothing open. */
function emptyText(name: TeamKpi, t: T): string {
  if (name === 'bookings' || name === 'sales-cycle-days') return t('dashboard.team.noWins');
  return name === 'pipeline-value' ? t('dashboard.team.noOpen') : t('dashboard.team.noClosed');
}

type TeamKpiCardProps = { name: TeamKpi; state: Report | undefined; query: ReportQuery; quarters: TeamQuarters };

/** One headline figure of this quarter (the open pipeline: of today), linked to the explorer with its metric chosen. */
function TeamKpiCard({ name, state, query, quarters }: TeamKpiCardProps) {
  const { t } = useT();
  const locale = intlLocale();
  const title = kpiTitle(name, t);
  const result = resultOf(state);
  const when = name === 'pipeline-value' ? t('dashboard.team.openToday') : t('dashboard.team.thisQuarter', { quarter: formatPeriod(quarters.current, locale, t) });
  return (
    <section className="card dashboard-kpi" data-testid={`team-kpi-${name}`} aria-labelledby={`team-kpi-${name}-title`}>
      <h3 id={`team-kpi-${name}-title`} className="dashboard-kpi__title">{title}</h3>
      <p className="dashboard-kpi__meta">{when}</p>
      {state?.status === 'loading' ? <Skeleton height={44} /> : null}
      {state?.status === 'error' ? <p className="dashboard-kpi__empty">—</p> : null}
      {result ? <KpiFigures name={name} result={result} quarters={quarters} /> : null}
      <Link to={explorerHref(name, query)} className="dashboard-kpi__explore" aria-label={t('dashboard.exploreMetric', { metric: title })}>
        {t('dashboard.explore')}
      </Link>
    </section>
  );
}

function KpiFigures({ name, result, quarters }: { name: TeamKpi; result: MetricResult; quarters: TeamQuarters }) {
  const { t } = useT();
  const locale = intlLocale();
  const figures = quarterFiguresOf(result, quarters).filter((figure) => figure.value !== null);
  if (figures.length === 0) return <p className="dashboard-kpi__empty">{emptyText(name, t)}</p>;
  return (
    <ul className="dashboard-kpi__figures">
      {figures.map((figure) => (
        <li key={figure.currency ?? ''}>
          <span className="dashboard-kpi__figure" data-testid={`team-kpi-${name}-figure`}>{formatFigure(name, result.unit, figure.value, figure.currency, locale)}</span>
          <span className="dashboard-kpi__meta">{figureNote(name, result, figure, quarters, locale, t)}</span>
        </li>
      ))}
    </ul>
  );
}

/** What a figure is measured against: last quarter for bookings, its counts for the others. */
function figureNote(name: TeamKpi, result: MetricResult, figure: QuarterFigure, quarters: TeamQuarters, locale: string, t: T): string {
  const point: Record<string, unknown> = figure.point ?? {};
  const count = (field: string) => {
    const value = point[field];
    return formatNumber(typeof value === 'number' ? value : 0, locale);
  };
  switch (name) {
    case 'bookings': {
      const period = formatPeriod(quarters.previous, locale, t);
      if (figure.change === null) return t('dashboard.team.previousNone', { period });
      const change = numberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(figure.change);
      return t('dashboard.team.change', { change, period, previous: formatFigure(name, result.unit, figure.previous, figure.currency, locale) });
    }
    case 'win-rate':
      return t('dashboard.team.wonLost', { won: count('wonCount'), lost: count('lostCount') });
    case 'pipeline-value': {
      const weightedMinor = point['weightedMinor'];
      const weighted = typeof weightedMinor === 'number' ? formatFigure(name, 'money', weightedMinor, figure.currency, locale) : '—';
      return `${t('dashboard.team.weighted', { amount: weighted })} · ${t('dashboard.team.openDeals', { count: count('count') })}`;
    }
    case 'sales-cycle-days':
      return t('dashboard.team.cycleBasis', { count: count('count') });
    case 'pipeline-velocity':
      return t('dashboard.team.perDay');
  }
}
