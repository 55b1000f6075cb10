import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { summarizeError, toFormProblem, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { createSavedView, deleteSavedView, fetchSavedViews } from './api.ts';
import type { SavedView, SavedViewScope } from './types.ts';
import type { Filters } from './use-url-filters.ts';

type Props = { scope: SavedViewScope; filters: Filters; onApply(filters: Filters): void };

const sameFilters = (a: Filters, b: Filters) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The user's named filter sets for a list, stored on the server (per user): pick, save, delete. */
export function SavedViewsBar({ scope, filters, onApply }: Props) {
  const { t } = useTranslation();
  const [views, setViews] = useState<SavedView[]>([]);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const [saving, setSaving] = useState(false);
  const load = useCallback(() => {
    fetchSavedViews(scope).then(setViews, (error: unknown) => setProblem(summarizeError(error, t)));
  }, [scope, t]);
  useEffect(load, [load]);
  const current = views.find((view) => sameFilters(view.filters, filters));

  const remove = async (view: SavedView) => {
    setProblem(null);
    try {
      await deleteSavedView(view.id);
      setViews((list) => list.filter((v) => v.id !== view.id));
    } catch (error) {
      setProblem(summarizeError(error, t));
    }
  };

  return (
    <div className="pipeline-views">
      <SelectField
        id={`${scope}-saved-view`}
        label={t('pipeline.views.label')}
        value={current?.id ?? ''}
        options={[{ value: '', label: t('pipeline.views.none') }, ...views.map((view) => ({ value: view.id, label: view.name }))]}
        onValueChange={(id) => {
          const view = views.find((v) => v.id === id);
          onApply(view ? view.filters : {});
        }}
      />
      <button type="button" className="button button--secondary" onClick={() => setSaving(true)}>{t('pipeline.views.save')}</button>
      {current ? (
        <button type="button" className="button button--danger-ghost" onClick={() => void remove(current)}>
          {t('pipeline.views.delete', { name: current.name })}
        </button>
      ) : null}
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      <Dialog open={saving} onClose={() => setSaving(false)} labelledBy={`${scope}-save-view-title`}>
        {saving ? (
          <SaveViewForm
            scope={scope}
            filters={filters}
            onCancel={() => setSaving(false)}
            onSaved={(view) => {
              setViews((list) => [...list, view].sort((a, b) => a.name.localeCompare(b.name)));
              setSaving(false);
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function SaveViewForm({ scope, filters, onCancel, onSaved }: { scope: SavedViewScope; filters: Filters; onCancel(): void; onSaved(view: SavedView): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<FormProblem<'name' | 'filters'>>({ fields: {}, banner: null });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(formRef, attempt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem({ fields: { name: t('validation.required') }, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      onSaved(await createSavedView(scope, name.trim(), filters));
    } catch (error) {
      setProblem(toFormProblem(error, ['name', 'filters'] as const, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="dialog__content" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id={`${scope}-save-view-title`} className="dialog__title">{t('pipeline.views.saveTitle')}</h2>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <TextField id={`${scope}-view-name`} name="name" label={t('pipeline.views.name')} value={name} maxLength={100} autoFocus required error={problem.fields.name ?? problem.fields.filters} onValueChange={(value) => { setName(value); setProblem({ fields: {}, banner: null }); }} />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('pipeline.common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{t('pipeline.views.saveConfirm')}</button>
      </div>
    </form>
  );
}
