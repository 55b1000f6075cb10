import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, toFormProblem, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { stageLabel } from '../pipeline/stage-label.ts';
import { ListState } from './list-state.tsx';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';
import { bpsToPercentText, formatBps, percentToBps } from './settings-kit.ts';

const KINDS = ['open', 'won', 'lost'] as const;
type Kind = (typeof KINDS)[number];
const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export type Stage = {
  key: string;
  label: string;
  sortOrder: number;
  defaultProbabilityBps: number;
  kind: Kind;
  forecastCategory: ForecastCategory;
  active: boolean;
  version: number;
};

export function PipelineStagesPage() {
  const { t } = useTranslation();
  const [stages, setStages] = useState<Stage[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [actionProblem, setActionProblem] = useState<ErrorSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [editing, setEditing] = useState<Stage | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: Stage[] }>('GET', '/pipeline-stages')
      .then((result) => setStages(result.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  const pendingFocus = useRef<{ key: string; offset: -1 | 1 } | null>(null);
  // After a move: focus the same button of the moved row, or its sibling at an end of the list.
  useEffect(() => {
    const pending = pendingFocus.current;
    if (busy || pending === null) return;
    pendingFocus.current = null;
    const preferred = document.getElementById(`stage-${pending.offset < 0 ? 'up' : 'down'}-${pending.key}`) as HTMLButtonElement | null;
    const other = document.getElementById(`stage-${pending.offset < 0 ? 'down' : 'up'}-${pending.key}`) as HTMLButtonElement | null;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  }, [busy, stages]);

  const move = async (stage: Stage, offset: -1 | 1) => {
    if (!stages || busy) return;
    const from = stages.findIndex((candidate) => candidate.key === stage.key);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= stages.length) return;
    const keys = stages.map((candidate) => candidate.key);
    keys.splice(from, 1);
    keys.splice(to, 0, stage.key);
    setBusy(true);
    setActionProblem(null);
    try {
      const result = await apiRequest<{ data: Stage[] }>('POST', '/pipeline-stages/reorder', { keys });
      setStages(result.data);
      setAnnouncement(t('settingsPages.stages.moved', { label: stageLabel(stage), position: to + 1, total: keys.length }));
      // Keep the keyboard where it was (see the effect below): the buttons are disabled while busy,
      // so the focus can only move back once the list has rendered enabled again.
      pendingFocus.current = { key: stage.key, offset };
    } catch (error) {
      setActionProblem(summarizeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const replace = (updated: Stage) => setStages((current) => (current ?? []).map((stage) => (stage.key === updated.key ? updated : stage)));

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.stages.intro')}</p>
      <CreateStageForm onCreated={(stage) => setStages((current) => [...(current ?? []), stage])} />
      <section className="card" aria-labelledby="stages-list-title">
        <div className="card__header">
          <h2 id="stages-list-title" className="card__title">{t('settingsPages.stages.listTitle')}</h2>
        </div>
        <p className="visually-hidden" role="status">{announcement}</p>
        {actionProblem ? <Banner tone="error" title={actionProblem.title} detail={actionProblem.detail} /> : null}
        <ListState items={stages} problem={loadProblem} onRetry={load} emptyText={t('settingsPages.stages.empty')}>
          {(items) => <StageTable stages={items} busy={busy} onMove={(stage, offset) => void move(stage, offset)} onEdit={setEditing} />}
        </ListState>
      </section>
      <EditStageDialog
        stage={editing}
        onClose={() => setEditing(null)}
        onSaved={(stage) => {
          replace(stage);
          setEditing(null);
        }}
      />
    </div>
  );
}

function KindBadge({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const tone = kind === 'won' ? 'badge--success' : kind === 'lost' ? 'badge--danger' : 'badge--neutral';
  return <span className={`badge ${tone}`}>{t(`settingsPages.stages.kind.${kind}`)}</span>;
}

function StageTable({ stages, busy, onMove, onEdit }: { stages: readonly Stage[]; busy: boolean; onMove(stage: Stage, offset: -1 | 1): void; onEdit(stage: Stage): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table settings-pages__dense-table" data-testid="stage-table">
        <thead>
          <tr>
            <th scope="col">{t('settingsPages.stages.columnPosition')}</th>
            <th scope="col">{t('settingsPages.stages.columnLabel')}</th>
            <th scope="col">{t('settingsPages.stages.columnKey')}</th>
            <th scope="col">{t('settingsPages.stages.columnKind')}</th>
            <th scope="col" className="settings-pages__numeric">{t('settingsPages.stages.columnProbability')}</th>
            <th scope="col">{t('settingsPages.stages.columnForecast')}</th>
            <th scope="col">{t('settingsPages.common.status')}</th>
            <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage, index) => (
            <tr key={stage.key} data-testid="stage-row">
              <td>{index + 1}</td>
              {/* As the board and lists name it: a stage that keeps its default label in the reader's language. */}
              <th scope="row" className="table__primary">{stageLabel(stage)}</th>
              <td><code className="code">{stage.key}</code></td>
              <td><KindBadge kind={stage.kind} /></td>
              <td className="settings-pages__numeric">{formatBps(stage.defaultProbabilityBps, locale)}</td>
              <td>{t(`settingsPages.stages.forecast.${stage.forecastCategory}`)}</td>
              <td>
                <span className={stage.active ? 'badge badge--success' : 'badge badge--neutral'}>{stage.active ? t('settingsPages.common.active') : t('settingsPages.common.inactive')}</span>
              </td>
              <td className="table__actions settings-pages__row-actions">
                <button
                  type="button"
                  id={`stage-up-${stage.key}`}
                  className="button button--secondary button--small"
                  aria-label={t('settingsPages.stages.moveUp', { label: stageLabel(stage) })}
                  disabled={busy || index === 0}
                  onClick={() => onMove(stage, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  id={`stage-down-${stage.key}`}
                  className="button button--secondary button--small"
                  aria-label={t('settingsPages.stages.moveDown', { label: stageLabel(stage) })}
                  disabled={busy || index === stages.length - 1}
                  onClick={() => onMove(stage, 1)}
                >
                  ↓
                </button>
                <button type="button" className="button button--ghost button--small" aria-label={t('settingsPages.stages.editLabel', { label: stageLabel(stage) })} onClick={() => onEdit(stage)}>
                  {t('settingsPages.common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CREATE_FIELDS = ['key', 'label', 'kind', 'defaultProbabilityBps', 'forecastCategory'] as const;
type CreateField = (typeof CREATE_FIELDS)[number];
type CreateValues = { key: string; label: string; kind: Kind; probability: string; forecastCategory: ForecastCategory };
const emptyCreate = (): CreateValues => ({ key: '', label: '', kind: 'open', probability: '', forecastCategory: 'pipeline' });

function CreateStageForm({ onCreated }: { onCreated(stage: Stage): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<CreateField>();
  const { problem } = form;
  const [values, setValues] = useState<CreateValues>(emptyCreate);
  const [added, setAdded] = useState<string | null>(null);

  const change = <F extends keyof CreateValues>(field: F, problemField: CreateField) => (value: CreateValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.clearField(problemField);
  };

  const submit = async () => {
    setAdded(null);
    const fields: FormProblem<CreateField>['fields'] = {};
    if (values.key.trim() === '') fields.key = t('validation.required');
    if (values.label.trim() === '') fields.label = t('validation.required');
    const bps = values.probability.trim() === '' ? undefined : percentToBps(values.probability);
    if (bps === null || (bps !== undefined && bps > 10_000)) fields.defaultProbabilityBps = t('settingsPages.common.percentInvalid');
    if (form.refuse(fields)) return;
    await form.send(async () => {
      // Closed stages get fixed numbers from the server (100 % won, 0 % lost, "closed").
      const open = values.kind === 'open';
      const stage = await apiRequest<Stage>('POST', '/pipeline-stages', {
        key: values.key.trim(),
        label: values.label.trim(),
        kind: values.kind,
        ...(open && bps !== undefined && bps !== null ? { defaultProbabilityBps: bps } : {}),
        ...(open ? { forecastCategory: values.forecastCategory } : {}),
      });
      setValues(emptyCreate());
      setAdded(t('settingsPages.stages.added', { label: stage.label }));
      onCreated(stage);
    }, (error) => toFormProblem(error, CREATE_FIELDS, t));
  };

  return (
    <SettingsFormCard id="stage-create" title={t('settingsPages.stages.createTitle')} form={form} success={added} onSubmit={() => void submit()}>
      <TextField id="stage-label" name="label" autoComplete="off" label={t('settingsPages.stages.label')} value={values.label} onValueChange={change('label', 'label')} error={problem.fields.label} required />
      <TextField id="stage-key" name="key" autoComplete="off" label={t('settingsPages.stages.key')} hint={t('settingsPages.stages.keyHint')} value={values.key} onValueChange={change('key', 'key')} error={problem.fields.key} required />
      <SelectField<Kind>
        id="stage-kind"
        name="kind"
        label={t('settingsPages.stages.kindLabel')}
        value={values.kind}
        options={KINDS.map((kind) => ({ value: kind, label: t(`settingsPages.stages.kind.${kind}`) }))}
        onValueChange={change('kind', 'kind')}
        error={problem.fields.kind}
      />
      {values.kind === 'open' ? (
        <>
          <TextField
            id="stage-probability"
            name="probability"
            inputMode="decimal"
            autoComplete="off"
            label={t('settingsPages.stages.probability')}
            optionalLabel={t('common.optional')}
            hint={t('settingsPages.stages.probabilityHint')}
            value={values.probability}
            onValueChange={change('probability', 'defaultProbabilityBps')}
            error={problem.fields.defaultProbabilityBps}
          />
          <SelectField<ForecastCategory>
            id="stage-forecast"
            name="forecastCategory"
            label={t('settingsPages.stages.forecastLabel')}
            value={values.forecastCategory}
            options={FORECAST_CATEGORIES.filter((category) => category !== 'closed').map((category) => ({ value: category, label: t(`settingsPages.stages.forecast.${category}`) }))}
            onValueChange={change('forecastCategory', 'forecastCategory')}
            error={problem.fields.forecastCategory}
          />
        </>
      ) : (
        <p className="field__hint settings-pages__note">{t('settingsPages.stages.closedHint')}</p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{t('settingsPages.stages.create')}</button>
      </div>
    </SettingsFormCard>
  );
}

const EDIT_FIELDS = ['label', 'defaultProbabilityBps', 'forecastCategory', 'active'] as const;
type EditField = (typeof EDIT_FIELDS)[number];

function EditStageDialog({ stage, onClose, onSaved }: { stage: Stage | null; onClose(): void; onSaved(stage: Stage): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<EditField>();
  const { problem, setProblem } = form;
  const [label, setLabel] = useState('');
  const [probability, setProbability] = useState('');
  const [forecastCategory, setForecastCategory] = useState<ForecastCategory>('pipeline');
  const [active, setActive] = useState(true);
  useEffect(() => {
    if (!stage) return;
    setLabel(stage.label);
    setProbability(bpsToPercentText(stage.defaultProbabilityBps));
    setForecastCategory(stage.forecastCategory);
    setActive(stage.active);
    setProblem({ fields: {}, banner: null });
  }, [stage, setProblem]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stage) return;
    const open = stage.kind === 'open';
    const bps = percentToBps(probability);
    if (open && (bps === null || bps > 10_000)) {
      form.refuse({ defaultProbabilityBps: t('settingsPages.common.percentInvalid') });
      return;
    }
    await form.send(async () => {
      const saved = await apiRequest<Stage>('PATCH', `/pipeline-stages/${encodeURIComponent(stage.key)}`, {
        version: stage.version,
        label: label.trim(),
        active,
        ...(open && bps !== null ? { defaultProbabilityBps: bps, forecastCategory } : {}),
      });
      onSaved(saved);
    }, (error) => toFormProblem(error, EDIT_FIELDS, t));
  };

  return (
    <Dialog open={stage !== null} onClose={onClose} labelledBy="stage-edit-title">
      {stage ? (
        <form ref={form.formRef} className="dialog__content form" noValidate onSubmit={(event) => void submit(event)}>
          <h2 id="stage-edit-title" className="dialog__title">{t('settingsPages.stages.editTitle', { label: stageLabel(stage) })}</h2>
          {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
          <TextField
            id="stage-edit-label" name="label" autoComplete="off" label={t('settingsPages.stages.label')} value={label} onValueChange={setLabel} error={problem.fields.label} required
            // The stored label is the seeded English one, shown to each reader in their language: say so beside it.
            hint={stageLabel(stage) !== stage.label ? t('settingsPages.stages.defaultLabelHint', { shown: stageLabel(stage) }) : undefined}
          />
          {stage.kind === 'open' ? (
            <>
              <TextField id="stage-edit-probability" name="probability" inputMode="decimal" autoComplete="off" label={t('settingsPages.stages.probability')} value={probability} onValueChange={setProbability} error={problem.fields.defaultProbabilityBps} />
              <SelectField<ForecastCategory>
                id="stage-edit-forecast"
                label={t('settingsPages.stages.forecastLabel')}
                value={forecastCategory}
                options={FORECAST_CATEGORIES.filter((category) => category !== 'closed').map((category) => ({ value: category, label: t(`settingsPages.stages.forecast.${category}`) }))}
                onValueChange={setForecastCategory}
                error={problem.fields.forecastCategory}
              />
            </>
          ) : null}
          <label className="settings-pages__checkbox">
            <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
            {t('settingsPages.common.activeLabel')}
          </label>
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose}>{t('common.cancel')}</button>
            <button type="submit" className="button button--primary" disabled={form.busy}>{t('settingsPages.common.save')}</button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
