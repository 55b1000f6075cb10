import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { dateTimeFormat } from '../lib/intl-formats.ts';
import { actorName, useActorNames } from '../lib/use-actor-names.ts';
import { useLedgerPermissions } from './ledger-access.ts';
import { PeriodDialog, type PeriodAction } from './ledger-period-dialog.tsx';
import type { LedgerPeriod } from './ledger-types.ts';
import { hasEnded, periodRows } from './ledger-view.ts';
import { useResource } from './use-resource.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

/** The months of the ledger: open or closed, who closed them; admins close and reopen (the API's rule). */
export function LedgerPeriods() {
  const { t } = useTranslation();
  const periods = useResource<{ data: LedgerPeriod[] }>('/ledger/periods');
  const { canClosePeriods, userId, userName } = useLedgerPermissions();
  const [action, setAction] = useState<PeriodAction | null>(null);
  const locale = intlLocale();
  const today = todayLocalDate();
  const monthName = (period: string) => dateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-15T12:00:00Z`));
  const rows = periods.data ? periodRows(today, periods.data.data) : [];
  const actorNames = useActorNames(rows.map((row) => row.closedBy));
  return (
    <section className="card" aria-labelledby="ledger-periods-title">
      <h2 id="ledger-periods-title" className="card__title">{t('billing.ledger.periods.title')}</h2>
      <p className="muted">{t(canClosePeriods ? 'billing.ledger.periods.description' : 'billing.ledger.periods.adminOnly')}</p>
      {periods.problem ? <Banner tone="error" title={periods.problem.title} detail={periods.problem.detail} /> : null}
      <div className="table-wrap">
        <table className="table" data-testid="ledger-periods">
          <caption className="visually-hidden">{t('billing.ledger.periods.title')}</caption>
          <thead><tr>
            <th scope="col">{t('billing.ledger.periods.month')}</th>
            <th scope="col">{t('billing.ledger.periods.status')}</th>
            <th scope="col">{t('billing.ledger.periods.closedBy')}</th>
            <th scope="col">{t('billing.ledger.periods.closedAt')}</th>
            <th scope="col">{t('billing.ledger.periods.reason')}</th>
            {canClosePeriods ? <th scope="col"><span className="visually-hidden">{t('billing.ledger.periods.actions')}</span></th> : null}
          </tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.period} data-testid="ledger-period" data-period={row.period}>
                <th scope="row" className="table__primary">{monthName(row.period)}</th>
                <td>
                  <span className={`badge ${row.status === 'closed' ? 'badge--neutral' : 'badge--success'}`}>{t(`billing.ledger.periods.${row.status}`)}</span>
                </td>
                <td>{row.closedBy === null ? '—' : row.closedBy === userId ? userName : actorName(row.closedBy, actorNames)}</td>
                <td className="table__nowrap">{row.closedAt === null ? '—' : formatDateTime(row.closedAt, locale)}</td>
                <td>{row.reason ?? '—'}</td>
                {canClosePeriods ? (
                  <td className="table__actions">
                    {row.status === 'closed' ? (
                      <button type="button" className="button button--small button--secondary" onClick={() => setAction({ kind: 'reopen', period: row.period, label: monthName(row.period) })}>
                        {t('billing.ledger.periods.reopen')}<span className="visually-hidden"> – {monthName(row.period)}</span>
                      </button>
                    ) : hasEnded(row.period, today) ? (
                      <button type="button" className="button button--small button--secondary" onClick={() => setAction({ kind: 'close', period: row.period, label: monthName(row.period) })}>
                        {t('billing.ledger.periods.close')}<span className="visually-hidden"> – {monthName(row.period)}</span>
                      </button>
                    ) : <span className="muted">{t('billing.ledger.periods.inProgress')}</span>}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PeriodDialog action={action} onClose={() => setAction(null)} onDone={() => { setAction(null); periods.reload(); }} />
    </section>
  );
}
