import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { MonthField } from '../components/month-field.tsx';
import { useSession } from '../auth/session.tsx';
import { toQueryProblem } from '../lib/problem.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money } from './billing-format.ts';
import type { CommissionStatement } from './types.ts';
import { useResource } from './use-resource.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

const STATEMENT_FILTERS = ['repId', 'period'] as const;

/** /billing/commissions: a rep's commission statement for a month (GET /commissions/statements). */
export function CommissionsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(t('billing.commissions.title'));
  const [repId, setRepId] = useState(user.id);
  const [month, setMonth] = useState(() => todayLocalDate().slice(0, 7));
  const [query, setQuery] = useState<string | null>(null);
  const statement = useResource<CommissionStatement>(query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(`/commissions/statements?repId=${encodeURIComponent(repId.trim())}&period=${encodeURIComponent(month)}`);
  };
  const fieldErrors = statement.problem ? toQueryProblem(statement.problem, STATEMENT_FILTERS, t).fields : {};
  const s = statement.data;
  return (
    <>
      <PageHeader title={t('billing.commissions.title')} description={t('billing.commissions.description')} />
      <form className="form form--inline billing-toolbar" onSubmit={submit} noValidate>
        <TextField id="commission-rep" label={t('billing.commissions.rep')} hint={t('billing.commissions.repHint')} value={repId} onValueChange={setRepId} error={fieldErrors.repId} />
        <MonthField id="commission-period" label={t('billing.commissions.period')} value={month} onValueChange={setMonth} error={fieldErrors.period} required />
        <button type="submit" className="button button--primary">{t('billing.commissions.show')}</button>
      </form>
      {statement.problem && !statement.problem.errors ? <Banner tone="error" title={statement.problem.title} detail={statement.problem.detail} /> : null}
      {s ? (
        <section className="card" aria-labelledby="statement-title">
          <h2 id="statement-title" className="card__title">{t('billing.commissions.statement', { period: s.period })}</h2>
          <dl className="billing-facts">
            {s.totals.map((total) => (
              <div key={total.currency} className="billing-facts__group">
                <dt>{t('billing.commissions.accrued')}</dt><dd>{money(total.accrued)}</dd>
                <dt>{t('billing.commissions.clawedBack')}</dt><dd>{money(total.clawedBack)}</dd>
                <dt>{t('billing.commissions.net')}</dt><dd><strong>{money(total.net)}</strong></dd>
              </div>
            ))}
          </dl>
          {s.entries.length === 0 ? <p className="muted">{t('billing.commissions.empty')}</p> : (
            <div className="table-wrap">
              <table className="table">
                <thead><tr>
                  <th scope="col">{t('billing.commissions.earned')}</th><th scope="col">{t('billing.commissions.kind')}</th>
                  <th scope="col">{t('billing.commissions.deal')}</th><th scope="col" className="billing-num">{t('billing.payments.amount')}</th>
                </tr></thead>
                <tbody>
                  {s.entries.map((entry) => (
                    <tr key={entry.id}>
                      <td className="table__nowrap">{day(entry.earnedDate)}</td>
                      <td>{t(`billing.commissions.kinds.${entry.kind}`, { defaultValue: entry.kind })}</td>
                      <td>{entry.dealType}{entry.reason ? ` · ${entry.reason}` : ''}</td>
                      <td className="billing-num">{money(entry.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
