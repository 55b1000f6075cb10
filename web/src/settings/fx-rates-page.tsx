import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { ReportingCurrencyForm } from './reporting-currency-form.tsx';
import { formatPlainDate } from './settings-kit.ts';

type FxRate = { base: string; quote: string; rateDate: string; rate: string; source: string };
type ImportResult = {
  source: string;
  base: string;
  rates: number;
  inserted: number;
  updated: number;
  unchanged: number;
  firstDate: string | null;
  lastDate: string | null;
  rejected: { line: number; column: string; message: string }[];
};

// Rates come a page at a time (keyset, newest first); the table fetches the next page as it scrolls.
const PAGE_SIZE = 200;
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;

export function FxRatesPage() {
  const { t } = useTranslation();
  const [base, setBase] = useState('');
  const [quote, setQuote] = useState('');
  // Only a whole currency code filters; a half-typed one leaves the list as it was asked last.
  const list = usePagedList<FxRate>('/fx-rates', {
    limit: PAGE_SIZE,
    base: CURRENCY_PATTERN.test(base.trim()) ? base.trim().toUpperCase() : null,
    quote: CURRENCY_PATTERN.test(quote.trim()) ? quote.trim().toUpperCase() : null,
  });

  const locale = intlLocale();
  const columns: DataTableColumn<FxRate>[] = [
    { key: 'rateDate', header: t('settingsPages.fx.date'), cell: (row) => formatPlainDate(row.rateDate, locale), width: '10rem' },
    { key: 'pair', header: t('settingsPages.fx.pair'), cell: (row) => `${row.base}/${row.quote}`, width: '10rem' },
    // The rate is an exact decimal string: shown as sent, grouped by the locale without a float round trip.
    { key: 'rate', header: t('settingsPages.fx.rate'), cell: (row) => formatDecimalText(row.rate, locale), align: 'end' },
    { key: 'source', header: t('settingsPages.fx.source'), cell: (row) => row.source },
  ];

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.fx.intro')}</p>
      <ReportingCurrencyForm />
      <FxImportForm onImported={list.reload} />
      <section className="card" aria-labelledby="fx-list-title">
        <div className="card__header">
          <h2 id="fx-list-title" className="card__title">{t('settingsPages.fx.listTitle')}</h2>
        </div>
        <div className="form form--inline settings-pages__filters">
          <TextField id="fx-filter-base" label={t('settingsPages.fx.filterBase')} maxLength={3} autoComplete="off" value={base} onValueChange={setBase} />
          <TextField id="fx-filter-quote" label={t('settingsPages.fx.filterQuote')} maxLength={3} autoComplete="off" value={quote} onValueChange={setQuote} />
        </div>
        <DataTable
          label={t('settingsPages.fx.listTitle')}
          columns={columns}
          rows={list.rows}
          rowKey={(row) => `${row.base}:${row.quote}:${row.rateDate}`}
          loading={list.loading}
          problem={list.problem}
          onRetry={list.retry}
          hasMore={list.hasMore}
          onLoadMore={list.loadMore}
          emptyMessage={t('settingsPages.fx.empty')}
          maxHeightPx={420}
          testId="fx-rates"
        />
      </section>
    </div>
  );
}

/** "1.0876" → "1,0876" in German: digits grouped by Intl from the decimal string itself. */
function formatDecimalText(text: string, locale: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const fractionDigits = text.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(text as `${number}`);
}

const IMPORT_FIELDS = ['csv', 'source', 'base'] as const;

function FxImportForm({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [source, setSource] = useState('ecb');
  const [base, setBase] = useState('EUR');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<FormProblem<(typeof IMPORT_FIELDS)[number]>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (csv.trim() === '') {
      setProblem({ fields: { csv: t('settingsPages.fx.chooseFile') }, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      setResult(await apiRequest<ImportResult>('POST', '/fx-rates/import', { csv, source: source.trim(), base: base.trim().toUpperCase() }));
      setProblem({ fields: {}, banner: null });
      onImported();
    } catch (error) {
      setProblem(toFormProblem(error, IMPORT_FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="fx-import-title">
      <div className="card__header">
        <h2 id="fx-import-title" className="card__title">{t('settingsPages.fx.importTitle')}</h2>
      </div>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      {result ? (
        <Banner
          tone={result.rejected.length > 0 ? 'info' : 'success'}
          title={t('settingsPages.fx.imported', { rates: formatNumber(result.rates, locale), inserted: formatNumber(result.inserted, locale), updated: formatNumber(result.updated, locale), unchanged: formatNumber(result.unchanged, locale) })}
          detail={result.rejected.length > 0 ? t('settingsPages.fx.rejected', { number: result.rejected.length }) : null}
        >
          {result.rejected.length > 0 ? (
            <ul className="settings-pages__rejected">
              {result.rejected.slice(0, 20).map((cell) => (
                <li key={`${cell.line}:${cell.column}`}>{t('settingsPages.fx.rejectedCell', { line: cell.line, column: cell.column, message: cell.message })}</li>
              ))}
            </ul>
          ) : null}
        </Banner>
      ) : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <div className={problem.fields.csv ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="fx-file">{t('settingsPages.fx.file')}</label>
          <input
            id="fx-file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            aria-invalid={problem.fields.csv ? true : undefined}
            aria-describedby={problem.fields.csv ? 'fx-file-hint fx-file-error' : 'fx-file-hint'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              setProblem((current) => ({ ...current, fields: { ...current.fields, csv: undefined } }));
              if (!file) return;
              setFileName(file.name);
              void file.text().then(setCsv);
            }}
          />
          <p className="field__hint" id="fx-file-hint">{fileName ? t('settingsPages.fx.fileChosen', { name: fileName }) : t('settingsPages.fx.fileHint')}</p>
          {problem.fields.csv ? <p className="field__error" id="fx-file-error">{problem.fields.csv}</p> : null}
        </div>
        <TextField id="fx-source" name="source" autoComplete="off" label={t('settingsPages.fx.source')} value={source} onValueChange={setSource} error={problem.fields.source} />
        <TextField id="fx-base" name="base" autoComplete="off" maxLength={3} label={t('settingsPages.fx.base')} value={base} onValueChange={setBase} error={problem.fields.base} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.fx.import')}</button>
        </div>
      </form>
    </section>
  );
}
