import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { AlertIcon } from '../components/icons.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { fieldNamesOf, toNestedFormProblem } from './settings-kit.ts';

const TEMPLATES = ['reminder', 'second_reminder', 'final_notice'] as const;
type Template = (typeof TEMPLATES)[number];
type Stage = { code: string; position: number; daysAfterDue: number; template: Template | null; placesHold: boolean };
/** A row as edited: numbers stay text until saved, so nothing typed is lost. */
type Row = { rowId: number; code: string; daysAfterDue: string; template: Template | ''; placesHold: boolean };

let nextRowId = 1;
const toRow = (stage: Stage): Row => ({ rowId: nextRowId++, code: stage.code, daysAfterDue: String(stage.daysAfterDue), template: stage.template ?? '', placesHold: stage.placesHold });

export function DunningPage() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [problem, setProblem] = useState<FormProblem<string>>({ fields: {}, banner: null });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: Stage[] }>('GET', '/dunning/stages')
      .then((result) => setRows(result.data.map(toRow)))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  const update = (index: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((current) => (current ?? []).map((row, i) => (i === index ? { ...row, ...patch } : row)));
    // Row indexes shift on add/remove, so any stale per-cell error is cleared with the edit.
    setProblem((current) => ({ ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([name]) => !name.startsWith(`stages_${index}_`))) }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    setSaved(false);
    setBusy(true);
    try {
      const body = {
        stages: rows.map((row) => ({
          code: row.code.trim(),
          daysAfterDue: /^\d+$/.test(row.daysAfterDue.trim()) ? Number(row.daysAfterDue.trim()) : row.daysAfterDue,
          template: row.template === '' ? null : row.template,
          placesHold: row.placesHold,
        })),
      };
      const result = await apiRequest<{ data: Stage[] }>('PUT', '/dunning/stages', body);
      setRows(result.data.map(toRow));
      setProblem({ fields: {}, banner: null });
      setSaved(true);
    } catch (error) {
      setProblem(toNestedFormProblem(error, fieldNamesOf(error), t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (loadProblem) {
    return (
      <div className="settings-body">
        <Banner tone="error" title={loadProblem.title} detail={loadProblem.detail}>
          <button type="button" className="button button--secondary" onClick={load}>{t('errors.retry')}</button>
        </Banner>
      </div>
    );
  }
  if (rows === null) return <PageLoading label={t('app.loading')} />;
  const cellError = (index: number, field: string) => problem.fields[`stages_${index}_${field}`];

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.dunning.intro')}</p>
      <section className="card" aria-labelledby="dunning-title">
        <div className="card__header">
          <h2 id="dunning-title" className="card__title">{t('settingsPages.dunning.title')}</h2>
        </div>
        {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
        {saved ? <Banner tone="success" title={t('settingsPages.dunning.saved')} /> : null}
        <form ref={formRef} noValidate onSubmit={(event) => void submit(event)}>
          <div className="table-wrap">
            <table className="table settings-pages__edit-table">
              <thead>
                <tr>
                  <th scope="col">{t('settingsPages.stages.columnPosition')}</th>
                  <th scope="col">{t('settingsPages.dunning.code')}</th>
                  <th scope="col">{t('settingsPages.dunning.daysAfterDue')}</th>
                  <th scope="col">{t('settingsPages.dunning.template')}</th>
                  <th scope="col">{t('settingsPages.dunning.placesHold')}</th>
                  <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.rowId} data-testid="dunning-row">
                    <td>{index + 1}</td>
                    <td>
                      <CellInput id={`dunning-${index}-code`} label={t('settingsPages.dunning.codeOf', { position: index + 1 })} value={row.code} error={cellError(index, 'code')} onChange={(code) => update(index, { code })} />
                    </td>
                    <td>
                      <CellInput id={`dunning-${index}-days`} label={t('settingsPages.dunning.daysOf', { position: index + 1 })} value={row.daysAfterDue} inputMode="numeric" error={cellError(index, 'daysAfterDue')} onChange={(daysAfterDue) => update(index, { daysAfterDue })} />
                    </td>
                    <td>
                      <select
                        id={`dunning-${index}-template`}
                        className="input select"
                        aria-label={t('settingsPages.dunning.templateOf', { position: index + 1 })}
                        aria-invalid={cellError(index, 'template') ? true : undefined}
                        aria-describedby={cellError(index, 'template') ? `dunning-${index}-template-error` : undefined}
                        value={row.template}
                        onChange={(event) => update(index, { template: (TEMPLATES as readonly string[]).includes(event.target.value) ? (event.target.value as Template) : '' })}
                      >
                        <option value="">{t('settingsPages.dunning.noTemplate')}</option>
                        {TEMPLATES.map((template) => (
                          <option key={template} value={template}>{t(`settingsPages.dunning.templates.${template}`)}</option>
                        ))}
                      </select>
                      <CellError id={`dunning-${index}-template-error`} error={cellError(index, 'template')} />
                    </td>
                    <td>
                      <input type="checkbox" aria-label={t('settingsPages.dunning.holdOf', { position: index + 1 })} checked={row.placesHold} onChange={(event) => update(index, { placesHold: event.target.checked })} />
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--danger-ghost button--small"
                        aria-label={t('settingsPages.dunning.removeOf', { position: index + 1 })}
                        disabled={rows.length === 1}
                        onClick={() => {
                          setRows((current) => (current ?? []).filter((_, i) => i !== index));
                          setProblem((current) => ({ ...current, fields: {} }));
                        }}
                      >
                        {t('settingsPages.common.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card__footer settings-pages__footer">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setRows((current) => [...(current ?? []), { rowId: nextRowId++, code: '', daysAfterDue: '', template: 'reminder', placesHold: false }])}
            >
              {t('settingsPages.dunning.addStage')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.dunning.save')}</button>
          </div>
        </form>
      </section>
    </div>
  );
}

function CellError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field__error" id={id}>
      <AlertIcon />
      <span>{error}</span>
    </p>
  );
}

function CellInput({ id, label, value, error, inputMode, onChange }: { id: string; label: string; value: string; error: string | undefined; inputMode?: 'numeric'; onChange(value: string): void }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <input
        id={id}
        className="input"
        aria-label={label}
        autoComplete="off"
        inputMode={inputMode}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <CellError id={`${id}-error`} error={error} />
    </div>
  );
}
