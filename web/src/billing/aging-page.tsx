import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { ApiError, apiRequest, type Problem } from '../lib/api.ts';
import { useLocation } from '../lib/router.tsx';
import { setUrlFilter } from '../lib/url-filter.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useCompanyCurrency } from '../metrics-explorer/company-currency.ts';
import { downloadText } from '../metrics-explorer/csv-export.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { AGING_COLUMNS, agingCsv, agingLines, agingQuery, parseAgingSettings, rateText, type AgingLine, type AgingReport, type AgingSort } from './aging-view.ts';
import { day, money } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';

const COLUMNS = [...AGING_COLUMNS, 'credits', 'net'] as const;

/**
 * /billing/aging: aged receivables per customer as of a day (GET /ar/aging) — current, 1–30, 31–60,
 * 61–90, over 90 days past due, the unapplied credit notes and net AR — in the company's reporting
 * currency (every customer converted at the rates of that day) or per document currency; the riskiest
 * first, with totals and a CSV download. The settings live in the URL.
 */
export function AgingPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.aging.title'));
  const settings = parseAgingSettings(search);
  const companyCurrency = useCompanyCurrency();
  const [report, setReport] = useState<AgingReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const query = companyCurrency === undefined ? null : agingQuery(settings, companyCurrency);
  useEffect(() => {
    if (query === null) return undefined;
    let active = true;
    setProblem(null);
    apiRequest<AgingReport>('GET', `/ar/aging${query === '' ? '' : `?${query}`}`).then(
      (answer) => active && setReport(answer),
      (error: unknown) => {
        if (!active) return;
        setReport(null);
        setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
      },
    );
    return () => {
      active = false;
    };
  }, [query]);
  // The default order (largest balance first) is not named in the URL.
  const set = (key: 'asOf' | 'currency' | 'sort', value: string) => setUrlFilter('/billing/aging', key, value, key === 'sort' ? ['', 'total'] : ['']);
  const lines = report ? agingLines(report, settings.sort) : null;
  const locale = intlLocale();
  const documentCurrencies = report ? report.totals.map((total) => total.currency) : [];
  const currencyOptions = [
    { value: '', label: companyCurrency ? t('billing.aging.companyCurrency', { currency: companyCurrency }) : t('billing.aging.documentCurrencies') },
    ...(companyCurrency ? [{ value: 'original', label: t('billing.aging.documentCurrencies') }] : []),
    ...[...new Set([...documentCurrencies, ...(settings.currency.length === 3 ? [settings.currency] : [])])]
      .filter((code) => code !== companyCurrency).map((code) => ({ value: code, label: t('billing.aging.convertInto', { currency: code }) })),
  ];
  const exportCsv = () => {
    if (!report || !lines) return;
    downloadText(`ar-aging-${report.asOfDate}.csv`, agingCsv(lines, report.asOfDate, t('billing.aging.total')));
  };
  return (
    <>
      <PageHeader title={t('billing.aging.title')} description={t('billing.aging.description')} />
      <div className="billing-toolbar">
        <DateField id="aging-as-of" label={t('billing.aging.asOf')} value={settings.asOf} onValueChange={(value) => set('asOf', value)} hint={t('billing.aging.asOfHint')} />
        <SelectField<string> id="aging-currency" label={t('billing.aging.currency')} value={settings.currency} onValueChange={(value) => set('currency', value)} options={currencyOptions} />
        <SelectField<AgingSort> id="aging-sort" label={t('billing.aging.sort')} value={settings.sort} onValueChange={(value) => set('sort', value)}
          options={[{ value: 'total', label: t('billing.aging.sortTotal') }, { value: 'over90', label: t('billing.aging.sortOver90') }, { value: 'name', label: t('billing.aging.sortName') }]} />
        <div className="billing-toolbar__action">
          <button type="button" className="button" onClick={exportCsv} disabled={!report}>{t('billing.aging.download')}</button>
        </div>
      </div>
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail ?? null} /> : null}
      {report && lines ? (
        <section className="card" aria-labelledby="aging-table-title">
          <h2 id="aging-table-title" className="card__title">
            {t('billing.aging.asOfTitle', { date: day(report.asOfDate, locale) })}
          </h2>
          {report.reportingCurrency && report.rates.length > 0 ? (
            <p className="muted" data-testid="aging-rates">
              {t('billing.aging.rates', {
                currency: report.reportingCurrency,
                rates: report.rates.map((rate) => `${rateText(rate.rate, rate.currency, report.reportingCurrency ?? '')} (${day(rate.rateDate, locale)})`).join(' · '),
              })}
            </p>
          ) : null}
          {lines.customers.length === 0 ? <p className="muted">{t('billing.aging.empty')}</p> : (
            <div className="table-wrap">
              <table className="table aging-table" data-testid="aging-table">
                <caption className="visually-hidden">{t('billing.aging.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('billing.customer')}</th>
                    {COLUMNS.map((column) => <th key={column} scope="col" className="billing-num">{t(`billing.aging.columns.${column}`)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {lines.customers.map((line) => <AgingRow key={line.key} line={line} locale={locale} />)}
                </tbody>
                <tfoot>
                  {lines.totals.map((line) => <AgingRow key={line.key} line={line} locale={locale} totalLabel={t('billing.aging.total')} />)}
                </tfoot>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}

function AgingRow({ line, locale, totalLabel }: { line: AgingLine; locale: string; totalLabel?: string }) {
  const cell = (value: bigint) => (value === 0n ? <span className="muted">—</span> : money({ amountMinor: value.toString(), currency: line.currency }, locale));
  return (
    <tr data-testid={line.accountId ? 'aging-row' : 'aging-total'}>
      <th scope="row" className="table__primary">
        {line.accountId ? <CustomerLink accountId={line.accountId} name={line.name} /> : `${totalLabel ?? ''} ${line.currency}`}
      </th>
      {COLUMNS.map((column) => (
        <td key={column} className={`billing-num table__nowrap${column === 'over90' && line.amounts.over90 > 0n ? ' aging-table__late' : ''}`} data-column={column}>
          {/* Credits reduce what is owed: shown negative, formatted as the net beside them. */}
          {column === 'credits' ? cell(-line.amounts.credits) : cell(line.amounts[column])}
        </td>
      ))}
    </tr>
  );
}

