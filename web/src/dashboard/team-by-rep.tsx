import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { actorName, useActorNames } from '../lib/use-actor-names.ts';
import { Link } from '../lib/router.tsx';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { formatFigure, formatPeriod } from '../metrics-explorer/metric-format.ts';
import type { MetricResult, ReportQuery } from '../metrics-explorer/metrics-api.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { repRowsOf, type MoneyCell } from './team-figures.ts';

// 'failed': the section's banner says why and offers to retry; the table shows nothing rather than "nobody".
type TeamByRepProps = { bookings: MetricResult | null; winRate: MetricResult | null; pipeline: MetricResult | null; status: 'loading' | 'failed' | 'ready'; query: ReportQuery; quarter: string };

function Amounts({ metric, cells }: { metric: string; cells: readonly MoneyCell[] }) {
  const locale = intlLocale();
  if (cells.length === 0) return <>—</>;
  return <>{cells.map((cell) => <span key={cell.currency ?? ''} className="team-by-rep__amount">{formatFigure(metric, 'money', cell.value, cell.currency, locale)}</span>)}</>;
}

/**
 * A manager's "By rep": each owner in her scope (herself and her reps: the owner breakdown answers
 * no one else) with this quarter's bookings and win rate and today's open pipeline, by name.
 */
export function TeamByRep({ bookings, winRate, pipeline, status, query, quarter }: TeamByRepProps) {
  const { t } = useT();
  const locale = intlLocale();
  const rows = bookings && winRate && pipeline ? repRowsOf({ bookings, winRate, pipeline }, quarter) : [];
  const names = useActorNames(rows.map((row) => row.ownerId));
  const title = t('dashboard.team.byRepTitle');
  return (
    <section className="card team-by-rep" aria-labelledby="team-by-rep-title" data-testid="team-by-rep">
      <div className="card__header metrics-card-header">
        <div>
          <h3 id="team-by-rep-title" className="card__title">{title}</h3>
          <p className="card__subtitle">{t('dashboard.team.byRepHint', { quarter: formatPeriod(quarter, locale, t) })}</p>
        </div>
        <Link to={explorerHref('bookings', query)} className="button button--ghost button--small" aria-label={t('dashboard.exploreMetric', { metric: title })}>
          {t('dashboard.explore')}
        </Link>
      </div>
      {status === 'loading' ? <Skeleton height={120} /> : status === 'failed' ? <p className="card__empty">—</p> : rows.length === 0 ? <p className="card__empty">{t('dashboard.team.byRepEmpty')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.team.columns.rep')}</th>
                <th scope="col" className="team-by-rep__number">{t('dashboard.team.columns.bookings')}</th>
                <th scope="col" className="team-by-rep__number">{t('dashboard.team.columns.winRate')}</th>
                <th scope="col" className="team-by-rep__number">{t('dashboard.team.columns.pipeline')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.ownerId} data-testid="team-by-rep-row">
                  <th scope="row">{actorName(row.ownerId, names)}</th>
                  <td className="metrics-num"><Amounts metric="bookings" cells={row.bookings} /></td>
                  <td className="metrics-num">{formatFigure('win-rate', 'ratio', row.winRate, undefined, locale)}</td>
                  <td className="metrics-num"><Amounts metric="pipeline-value" cells={row.pipeline} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
