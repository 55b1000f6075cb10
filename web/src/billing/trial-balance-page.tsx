import { ledgerAccountName } from './ledger-account-name.ts';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DateField } from '../components/date-field.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { money } from './billing-format.ts';
import { LedgerPeriods } from './ledger-periods.tsx';
import type { TrialBalance } from './ledger-types.ts';
import { groupTrialBalance, parseIsoDate, type TrialBalanceSection } from './ledger-view.ts';
import { useResource } from './use-resource.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

/** /billing/ledger: the trial balance as of a date (inclusive, held in the URL), one table per currency, then the periods. */
export function TrialBalancePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.ledger.trialBalance.title'));
  const today = todayLocalDate();
  const asOf = parseIsoDate(search.get('asOf')) ?? today;
  const report = useResource<TrialBalance>(`/ledger/trial-balance?asOf=${asOf}`);
  const setAsOf = (value: string) => {
    if (value !== '' && parseIsoDate(value) === null) return; // half-typed date: keep the last valid one
    navigate(value === '' || value === today ? '/billing/ledger' : `/billing/ledger?asOf=${value}`, { replace: true });
  };
  const sections = report.data ? groupTrialBalance(report.data) : [];
  return (
    <>
      <PageHeader title={t('billing.ledger.trialBalance.title')} description={t('billing.ledger.trialBalance.description')} />
      <div className="billing-toolbar">
        <DateField id="ledger-as-of" label={t('billing.ledger.trialBalance.asOf')} value={asOf} onValueChange={setAsOf} hint={t('billing.ledger.trialBalance.asOfHint')} />
      </div>
      {report.problem ? <Banner tone="error" title={report.problem.title} detail={report.problem.detail} /> : null}
      {!report.data && !report.problem ? <PageLoading label={t('app.loading')} /> : null}
      {report.data && sections.length === 0 ? <p className="muted">{t('billing.ledger.trialBalance.empty')}</p> : null}
      {sections.map((section) => <CurrencyTrialBalance key={section.currency} section={section} />)}
      <LedgerPeriods />
    </>
  );
}

function CurrencyTrialBalance({ section }: { section: TrialBalanceSection }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const { currency } = section;
  const total = (amountMinor: bigint) => money({ amountMinor: amountMinor.toString(), currency }, locale);
  const titleId = `trial-balance-${currency}`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">{t('billing.ledger.trialBalance.inCurrency', { currency })}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="trial-balance" data-currency={currency}>
          <thead><tr>
            <th scope="col">{t('billing.ledger.account')}</th>
            <th scope="col">{t('billing.ledger.accountName')}</th>
            <th scope="col">{t('billing.ledger.accountType')}</th>
            <th scope="col" className="billing-num">{t('billing.ledger.debit')}</th>
            <th scope="col" className="billing-num">{t('billing.ledger.credit')}</th>
            <th scope="col" className="billing-num">{t('billing.ledger.balance')}</th>
          </tr></thead>
          <tbody>
            {section.rows.map((row) => (
              <tr key={row.accountCode}>
                <td className="table__nowrap">{row.accountCode}</td>
                <th scope="row" className="table__primary">{ledgerAccountName(t, row.accountCode, row.accountName)}</th>
                <td>{t(`billing.ledger.accountTypes.${row.accountType}`)}</td>
                <td className="billing-num">{money(row.debit, locale)}</td>
                <td className="billing-num">{money(row.credit, locale)}</td>
                <td className="billing-num">{money(row.balance, locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr className="billing-total-row">
            <th scope="row" colSpan={3}>{t('billing.ledger.total')}</th>
            <td className="billing-num" data-testid="trial-balance-debit">{total(section.debitMinor)}</td>
            <td className="billing-num" data-testid="trial-balance-credit">{total(section.creditMinor)}</td>
            <td className="billing-num">
              {section.balanced
                ? <span className="badge badge--success" data-testid="trial-balance-status">{t('billing.ledger.trialBalance.balanced')}</span>
                : <span className="badge badge--danger" data-testid="trial-balance-status">{t('billing.ledger.trialBalance.unbalanced')}</span>}
            </td>
          </tr></tfoot>
        </table>
      </div>
    </section>
  );
}
