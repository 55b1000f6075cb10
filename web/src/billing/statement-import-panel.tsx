import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Banner } from '../components/banner.tsx';
import { FileField, SelectField } from '../components/field.tsx';
import { currentLanguage, intlLocale } from '../i18n/i18n.ts';
import { apiUpload } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { day, money } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';
import type { StatementImportResult, StatementRow } from './types.ts';
import { useAccountNames } from './use-account-names.ts';

type Separator = '.' | ',';
type Field = 'file' | 'decimalSeparator';

/** Languages whose banks write 1.234,56: the separator the form starts with (the file decides; the user can change it). */
const DECIMAL_COMMA_LANGUAGES = new Set(['de', 'it', 'ru']);

/**
 * Billing → Payments: import a bank statement (CSV) in two steps, as finance checks a bank file before
 * booking it: "Check" records and applies every line and rolls it back (the server's dry run) and
 * shows what each line would do; "Import" then records them. Re-importing the file records nothing
 * twice (docs/payments.md "Statement import").
 */
export function StatementImportPanel({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [separator, setSeparator] = useState<Separator>(DECIMAL_COMMA_LANGUAGES.has(currentLanguage()) ? ',' : '.');
  const [result, setResult] = useState<StatementImportResult | null>(null);
  const [problem, setProblem] = useState<FormProblem<Field> | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setResult(null);
    setProblem(null);
  };
  const send = async (dryRun: boolean) => {
    if (file === null) {
      setProblem({ fields: { file: t('billing.statement.chooseFile') }, banner: null });
      return;
    }
    setBusy(true);
    try {
      const query = new URLSearchParams({ dryRun: String(dryRun), decimalSeparator: separator });
      const answer = await apiUpload<StatementImportResult>(`/payments/statement-imports?${query.toString()}`, file, 'text/csv');
      setResult(answer);
      setProblem(null);
      if (!dryRun) onImported();
    } catch (error) {
      setResult(null);
      setProblem(toFormProblem(error, ['file', 'decimalSeparator'] as const, t));
    } finally {
      setBusy(false);
    }
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };
  const toRecord = result?.dryRun ? result.counts.would_record : 0;
  return (
    <section className="card" aria-labelledby="statement-import-title" data-testid="statement-import">
      <h2 id="statement-import-title" className="card__title">{t('billing.statement.title')}</h2>
      <p className="muted">{t('billing.statement.description')}</p>
      {problem?.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form className="form form--grid" onSubmit={check} noValidate>
        <FileField id="statement-file" label={t('billing.statement.file')} hint={file ? t('billing.statement.fileChosen', { file: file.name }) : t('billing.statement.fileHint')}
          error={problem?.fields.file} accept=".csv,.txt,text/csv,text/plain" onChange={choose} />
        <SelectField<Separator> id="statement-separator" label={t('billing.statement.decimalSeparator')} value={separator} error={problem?.fields.decimalSeparator}
          onValueChange={(value) => {
            setSeparator(value);
            setResult(null);
          }}
          options={[{ value: ',', label: t('billing.statement.decimalComma') }, { value: '.', label: t('billing.statement.decimalPoint') }]} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>{t('billing.statement.check')}</button>
          {result?.dryRun && toRecord > 0 ? (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void send(false)}>
              {t('billing.statement.import', { count: toRecord })}
            </button>
          ) : null}
        </div>
      </form>
      {result ? <StatementResult result={result} /> : null}
    </section>
  );
}

function StatementResult({ result }: { result: StatementImportResult }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const nameOf = useAccountNames(result.rows.map((row) => row.accountId).filter((id): id is string => id !== null));
  const { counts } = result;
  if (result.headerErrors.length > 0) {
    return (
      <Banner tone="error" title={t('billing.statement.headerProblem')}
        detail={result.headerErrors.map((error) => `${t(`billing.statement.column.${error.field}`, { defaultValue: error.field })}: ${error.message}`).join(' · ')} />
    );
  }
  const summary = result.dryRun
    ? t('billing.statement.previewSummary', { record: counts.would_record, duplicate: counts.duplicate, skipped: counts.skipped, error: counts.error })
    : t('billing.statement.importSummary', { record: counts.recorded, duplicate: counts.duplicate, skipped: counts.skipped, error: counts.error });
  return (
    <div className="statement-result" aria-live="polite">
      <Banner tone={counts.error > 0 ? 'info' : 'success'} title={summary} detail={result.dryRun ? t('billing.statement.previewHint') : undefined} />
      {result.rows.length === 0 ? <p className="muted">{t('billing.statement.noLines')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="statement-rows">
            <caption className="visually-hidden">{t('billing.statement.rowsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="billing-num">{t('billing.statement.line')}</th>
                <th scope="col">{t('billing.statement.date')}</th>
                <th scope="col">{t('billing.customer')}</th>
                <th scope="col">{t('billing.payments.referenceColumn')}</th>
                <th scope="col" className="billing-num">{t('billing.payments.amount')}</th>
                <th scope="col">{t('billing.statement.outcomeColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.line} data-outcome={row.outcome}>
                  <td className="billing-num">{row.line}</td>
                  <td className="table__nowrap">{row.receivedDate ? day(row.receivedDate, locale) : '—'}</td>
                  <td>{row.accountId ? <CustomerLink accountId={row.accountId} name={nameOf(row.accountId)} /> : '—'}</td>
                  <td>{row.reference ?? '—'}</td>
                  <td className="billing-num table__nowrap">{row.amount ? money(row.amount, locale) : '—'}</td>
                  <td><Outcome row={row} t={t} locale={locale} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** What a line did: the invoices it paid and the credit kept, why it was skipped, or its errors by column. */
function Outcome({ row, t, locale }: { row: StatementRow; t: TFunction; locale: string }) {
  switch (row.outcome) {
    case 'recorded':
    case 'would_record':
      return (
        <span className="billing-note">
          <strong>{t(`billing.statement.outcome.${row.outcome}`)}</strong>
          {row.allocations.map((allocation) => (
            <span key={allocation.invoiceId}>
              {' · '}
              <Link to={`/billing/invoices/${encodeURIComponent(allocation.invoiceId)}`}>{allocation.invoiceNumber ?? allocation.invoiceId}</Link>
              {` ${money(allocation.amount, locale)}`}
            </span>
          ))}
          {row.unapplied && BigInt(row.unapplied.amountMinor) > 0n ? ` · ${t('billing.statement.keptAsCredit', { amount: money(row.unapplied, locale) })}` : null}
        </span>
      );
    case 'duplicate':
      return <span className="billing-note">{t('billing.statement.outcome.duplicate')}</span>;
    case 'skipped':
      return <span className="billing-note">{t(`billing.statement.skip.${row.skipReason ?? 'outgoing_amount'}`)}</span>;
    case 'error':
      return (
        <span className="billing-note billing-note--error">
          {row.errors.map((error) => `${t(`billing.statement.column.${error.field}`, { defaultValue: error.field })}: ${error.code ? t(`billing.statement.errorCode.${error.code}`, { defaultValue: error.message }) : error.message}`).join(' · ')}
        </span>
      );
  }
}
