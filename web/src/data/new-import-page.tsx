import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { FileField, SelectField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import type { ImportRun, MappingCatalog } from './data-types.ts';
import { ImportRunView } from './import-run-view.tsx';
import { readFileBase64 } from './read-file-base64.ts';

/** The API's limit for one request (src/imports/routes.ts); bigger exports go through the CLI. */
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const FIELDS = ['source', 'mapping', 'customMapping', 'files'] as const;
type Field = (typeof FIELDS)[number];
type MappingKind = 'source' | 'mapping' | 'customMapping';

type Stage = { kind: 'editing' } | { kind: 'dryRun'; runId: string; finished: ImportRun | null } | { kind: 'real'; runId: string; dryRunId: string };

/** /data/imports/new: choose a mapping, add files, dry-run them, then import for real. */
export function NewImportPage() {
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<MappingCatalog | null>(null);
  const [kind, setKind] = useState<MappingKind>('source');
  const [source, setSource] = useState('salesforce');
  const [mappingName, setMappingName] = useState('');
  const [customMapping, setCustomMapping] = useState<{ name: string; json: Record<string, unknown> } | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<FormProblem<Field> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'editing' });

  useEffect(() => {
    apiRequest<MappingCatalog>('GET', '/imports/mappings').then(
      (loaded) => {
        setCatalog(loaded);
        setMappingName((current) => current || (loaded.mappings[0]?.name ?? ''));
      },
      (error: unknown) => setProblem(toFormProblem(error, FIELDS, t)),
    );
  }, [t]);

  // Any change of what would be imported makes an earlier dry run stale.
  const edited = () => {
    setStage({ kind: 'editing' });
    setProblem(null);
  };

  const chooseMappingFile = async (event: ChangeEvent<HTMLInputElement>) => {
    edited();
    const file = event.target.files?.[0];
    if (!file) return setCustomMapping(null);
    try {
      const json: unknown = JSON.parse(await file.text());
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('not an object');
      setCustomMapping({ name: file.name, json: json as Record<string, unknown> });
      setLocalErrors((previous) => ({ ...previous, customMapping: undefined }));
    } catch {
      setCustomMapping(null);
      setLocalErrors((previous) => ({ ...previous, customMapping: t('data.mappingNotJson', { file: file.name }) }));
    }
  };

  const chooseFiles = (event: ChangeEvent<HTMLInputElement>) => {
    edited();
    const chosen = [...(event.target.files ?? [])];
    setFiles(chosen);
    const total = chosen.reduce((sum, file) => sum + file.size, 0);
    setLocalErrors((previous) => ({ ...previous, files: total > MAX_TOTAL_BYTES ? t('data.filesTooLarge') : undefined }));
  };

  const start = async (dryRun: boolean) => {
    const errors: Partial<Record<Field, string>> = { ...localErrors };
    if (files.length === 0) errors.files = t('data.filesRequired');
    if (kind === 'customMapping' && !customMapping && !errors.customMapping) errors.customMapping = t('data.mappingRequired');
    setLocalErrors(errors);
    if (Object.values(errors).some((message) => message !== undefined)) return;
    setSubmitting(true);
    setProblem(null);
    try {
      const encoded = await Promise.all(files.map(async (file) => ({ name: file.name, contentBase64: await readFileBase64(file) })));
      const chosen = kind === 'source' ? { source } : kind === 'mapping' ? { mapping: mappingName } : { customMapping: customMapping?.json };
      const { runId } = await apiRequest<{ runId: string }>('POST', '/imports/runs', { ...chosen, dryRun, files: encoded });
      setStage((previous) => (dryRun ? { kind: 'dryRun', runId, finished: null } : { kind: 'real', runId, dryRunId: previous.kind === 'dryRun' ? previous.runId : '' }));
    } catch (error) {
      setProblem(toFormProblem(error, FIELDS, t));
    } finally {
      setSubmitting(false);
    }
  };

  const fieldError = (field: Field) => localErrors[field] ?? problem?.fields[field];
  const dryRunDone = stage.kind === 'dryRun' && stage.finished?.status === 'completed';
  const shipped = catalog?.mappings.find((mapping) => mapping.name === mappingName);

  return (
    <>
      <section className="card data-import" aria-labelledby="data-new-import-title">
        <div className="card__header data-card-header">
          <h2 id="data-new-import-title" className="card__title">{t('data.newImportTitle')}</h2>
          <Link to="/data/imports" className="button button--ghost button--small">{t('data.backToRuns')}</Link>
        </div>
        <p className="muted">{t('data.newImportDescription')}</p>
        {problem?.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
        <form className="form data-import-form" onSubmit={(event) => { event.preventDefault(); void start(true); }} noValidate>
          <fieldset className="data-fieldset">
            <legend className="field__label">{t('data.mappingKind')}</legend>
            {(['source', 'mapping', 'customMapping'] as const).map((option) => (
              <label key={option} className="data-radio">
                <input type="radio" name="mapping-kind" value={option} checked={kind === option} onChange={() => { setKind(option); edited(); }} />
                {t(`data.kind.${option}`)}
              </label>
            ))}
          </fieldset>
          {kind === 'source' ? (
            <SelectField id="import-source" label={t('data.sourceLabel')} value={source} error={fieldError('source')} onValueChange={(value) => { setSource(value); edited(); }}
              options={(catalog?.sources ?? ['salesforce', 'hubspot', 'stripe']).map((value) => ({ value, label: t(`data.sources.${value}`, { defaultValue: value }) }))} />
          ) : null}
          {kind === 'mapping' ? (
            <SelectField id="import-mapping" label={t('data.mappingLabel')} value={mappingName} error={fieldError('mapping')} hint={shipped ? `${shipped.description} ${t('data.mappingFiles', { files: shipped.files.join(', ') })}` : undefined}
              onValueChange={(value) => { setMappingName(value); edited(); }} options={(catalog?.mappings ?? []).map((mapping) => ({ value: mapping.name, label: mapping.name }))} />
          ) : null}
          {kind === 'customMapping' ? (
            <FileField id="import-mapping-file" label={t('data.mappingFileLabel')} hint={customMapping ? t('data.mappingChosen', { file: customMapping.name }) : t('data.mappingFileHint')} error={fieldError('customMapping')} accept=".json,application/json" onChange={(event) => void chooseMappingFile(event)} />
          ) : null}
          <FileField id="import-files" label={t('data.filesLabel')} hint={files.length > 0 ? t('data.filesChosen', { files: files.map((file) => file.name).join(', ') }) : t('data.filesHint')} error={fieldError('files')} accept=".csv,.json,.jsonl,.ndjson,.txt,text/csv,application/json" multiple onChange={chooseFiles} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submitting || stage.kind !== 'editing' && !(stage.kind === 'dryRun' && stage.finished !== null)}>
              {t('data.dryRunButton')}
            </button>
          </div>
        </form>
      </section>
      {stage.kind !== 'editing' ? (
        <section className="card" aria-labelledby="data-dry-run-title" data-testid="dry-run-result">
          <h2 id="data-dry-run-title" className="card__title">{t('data.dryRunTitle')}</h2>
          <ImportRunView runId={stage.kind === 'dryRun' ? stage.runId : stage.dryRunId} onFinished={(run) => setStage((previous) => (previous.kind === 'dryRun' && previous.runId === run.id ? { ...previous, finished: run } : previous))} />
          {stage.kind === 'dryRun' ? (
            <div className="data-run-actions">
              <button type="button" className="button button--primary" disabled={!dryRunDone || submitting} onClick={() => void start(false)}>
                {t('data.realRunButton')}
              </button>
              <p className="muted">{t('data.realRunHint')}</p>
            </div>
          ) : null}
        </section>
      ) : null}
      {stage.kind === 'real' ? (
        <section className="card" aria-labelledby="data-real-run-title" data-testid="real-run-result">
          <h2 id="data-real-run-title" className="card__title">{t('data.realRunTitle')}</h2>
          <ImportRunView runId={stage.runId} />
        </section>
      ) : null}
    </>
  );
}
