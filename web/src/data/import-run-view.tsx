import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { summarizeError } from '../lib/problem.ts';
import { OUTCOMES, type Counts, type ImportRun } from './data-types.ts';
import { useImportRun } from './use-import-run.ts';

/** A run as it goes: progress while running, then the counts per entity and file and the error report. */
export function ImportRunView({ runId, onFinished }: { runId: string; onFinished?: ((run: ImportRun) => void) | undefined }) {
  const { t } = useTranslation();
  const { run, error } = useImportRun(runId);
  const finishedRun = run !== null && run.status !== 'running' ? run : null;
  useEffect(() => {
    if (finishedRun) onFinished?.(finishedRun);
    // Once per finished run: the callback is usually an inline function, so it is not a dependency.
  }, [finishedRun?.id]);
  if (error) {
    const summary = summarizeError(error, t);
    return <Banner tone="error" title={summary.title} detail={summary.detail} />;
  }
  if (!run) return <p className="muted" role="status">{t('data.loading')}</p>;
  return (
    <div className="data-run" data-testid="import-run" data-status={run.status} data-dry-run={run.dryRun ? 'true' : 'false'}>
      <RunHeadline run={run} />
      {run.status === 'running' ? <RunProgress run={run} /> : null}
      {run.status === 'failed' ? <Banner tone="error" title={t('data.runFailed')} detail={run.failure} /> : null}
      {run.summary ? <RunCounts run={run} /> : null}
    </div>
  );
}

function RunHeadline({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <p className="data-run__headline">
      <StatusBadge run={run} /> {run.dryRun ? <span className="badge badge--neutral">{t('data.dryRunBadge')}</span> : null}{' '}
      <span className="muted">{t('data.runStarted', { at: formatDateTime(run.startedAt, locale), source: run.source })}</span>
    </p>
  );
}

export function StatusBadge({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const tone = run.status === 'completed' ? 'badge badge--success' : run.status === 'failed' ? 'badge badge--danger' : 'badge badge--neutral';
  return <span className={tone}>{t(`data.status.${run.status}`)}</span>;
}

function RunProgress({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const progress = run.progress ?? null;
  const fraction = progress && progress.fileSize ? Math.min(1, progress.bytesRead / progress.fileSize) : null;
  return (
    <div className="data-run__progress" role="status" aria-live="polite">
      <progress className="data-progress" max={1} {...(fraction !== null ? { value: fraction } : {})} aria-label={t('data.progressLabel')} />
      <span>
        {progress
          ? t('data.progressText', { file: progress.file, fileNumber: progress.fileNumber, fileCount: progress.fileCount, rows: formatNumber(progress.rows, locale) })
          : t('data.progressStarting')}
      </span>
    </div>
  );
}

function CountCells({ counts }: { counts: Counts }) {
  const locale = intlLocale();
  return (
    <>
      {OUTCOMES.map((outcome) => (
        <td key={outcome} className="data-num" data-outcome={outcome}>{formatNumber(counts[outcome], locale)}</td>
      ))}
    </>
  );
}

function RunCounts({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const summary = run.summary;
  if (!summary) return null;
  const entities = Object.entries(summary.entities).filter((entry): entry is [string, Counts] => entry[1] !== undefined);
  const header = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {OUTCOMES.map((outcome) => <th key={outcome} scope="col" className="data-num">{t(`data.outcome.${outcome}`)}</th>)}
      </tr>
    </thead>
  );
  return (
    <>
      <p className="data-run__totals" data-testid="import-totals">
        {run.dryRun ? t('data.totalsDryRun', { rows: formatNumber(summary.totals.rows, locale), created: formatNumber(summary.totals.created, locale), updated: formatNumber(summary.totals.updated, locale), rejected: formatNumber(summary.totals.rejected, locale) })
          : t('data.totalsReal', { rows: formatNumber(summary.totals.rows, locale), created: formatNumber(summary.totals.created, locale), updated: formatNumber(summary.totals.updated, locale), rejected: formatNumber(summary.totals.rejected, locale) })}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="import-entity-counts">
          <caption className="data-caption">{run.dryRun ? t('data.entityCountsDryRun') : t('data.entityCounts')}</caption>
          {header(t('data.entity'))}
          <tbody>
            {entities.map(([entity, counts]) => (
              <tr key={entity} data-entity={entity}>
                <th scope="row">{entity}</th>
                <CountCells counts={counts} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="import-file-counts">
          <caption className="data-caption">{t('data.fileCounts')}</caption>
          {header(t('data.file'))}
          <tbody>
            {summary.files.map((file) => (
              <tr key={file.file}>
                <th scope="row">{file.file}</th>
                <CountCells counts={file} />
              </tr>
            ))}
            {summary.skippedFiles.map((file) => (
              <tr key={file.file}>
                <th scope="row">{file.file}</th>
                <td colSpan={OUTCOMES.length}>{t('data.fileSkipped', { reason: file.reason })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.errorCount > 0 && !run.errorReportDownloadable ? <p className="muted">{t('data.errorsElsewhere', { errors: formatNumber(summary.errorCount, locale), location: run.errorReport ?? '' })}</p> : null}
      {summary.errorCount > 0 && run.errorReportDownloadable ? (
        <p>
          <a className="button button--secondary" href={`/api/v1/imports/${encodeURIComponent(run.id)}/error-report`} download={`${run.id}-errors.csv`} data-testid="error-report-link">
            {t('data.downloadErrors', { errors: formatNumber(summary.errorCount, locale) })}
          </a>
        </p>
      ) : null}
    </>
  );
}
