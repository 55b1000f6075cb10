import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples, formatDateTime, formatNumber } from '../lib/format.ts';
import { Link, navigate } from '../lib/router.tsx';
import { usePagedList } from '../lib/use-paged-list.ts';
import { actorLabel, actorTypeOf } from './actor-label.ts';
import { useActorNames } from '../lib/use-actor-names.ts';
import type { ImportRun, Outcome } from './data-types.ts';
import { ImportRunView, StatusBadge } from './import-run-view.tsx';

const PAGE_SIZE = 50;
const LISTED_OUTCOMES: readonly Outcome[] = ['created', 'updated', 'unchanged', 'rejected'];
const RUN_STATUSES: readonly ImportRun['status'][] = ['running', 'completed', 'failed'];

/** /data/imports: every run, newest first (dry runs included); a row opens the run. */
export function ImportsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const list = usePagedList<ImportRun>('/imports', { limit: PAGE_SIZE });
  const actorNames = useActorNames(list.rows.map((run) => run.actorId));
  const locale = intlLocale();
  const count = (run: ImportRun, outcome: Outcome) => (run.summary ? formatNumber(run.summary.totals[outcome], locale) : '');
  // Sources and people may be cut; times, statuses and counts are read whole (column-fit.ts).
  const statuses = RUN_STATUSES.map((status) => t(`data.status.${status}`));
  const columns: DataTableColumn<ImportRun>[] = [
    { key: 'startedAt', header: t('data.runStartedAt'), fit: { texts: dateSamples(locale, { time: true }) }, cell: (run) => <time dateTime={run.startedAt}>{formatDateTime(run.startedAt, locale)}</time> },
    {
      key: 'status', header: t('data.runStatus'), fit: { texts: statuses.flatMap((status) => [status, [status, t('data.dryRunBadge')]]), as: 'badge' }, cell: (run) => (
        <>
          <StatusBadge run={run} /> {run.dryRun ? <span className="badge badge--neutral">{t('data.dryRunBadge')}</span> : null}
        </>
      ),
    },
    { key: 'source', header: t('data.runSource'), minWidth: '6rem', clip: true, cell: (run) => <span title={run.files.join(', ')}>{run.source}</span> },
    ...LISTED_OUTCOMES.map((outcome) => ({ key: outcome, header: t(`data.outcome.${outcome}`), align: 'end' as const, fit: { texts: list.rows.map((run) => count(run, outcome)) }, cell: (run: ImportRun) => count(run, outcome) })),
    { key: 'actor', header: t('data.runBy'), width: '6rem', clip: true, cell: (run) => actorLabel({ type: actorTypeOf(run.actorId), id: run.actorId }, user, t, actorNames) },
  ];
  return (
    <section className="card" aria-labelledby="data-runs-title">
      <div className="card__header data-card-header">
        <h2 id="data-runs-title" className="card__title">{t('data.runsTitle')}</h2>
        <Link to="/data/imports/new" className="button button--primary button--small">{t('data.newImport')}</Link>
      </div>
      <DataTable
        label={t('data.runsTitle')}
        className="data-runs"
        cellPaddingPx={30} // data.css .data-runs: 10px a side, 20px before the first column
        testId="import-runs-table"
        columns={columns}
        rows={list.rows}
        rowKey={(run) => run.id}
        onOpen={(run) => navigate(`/data/imports/${run.id}`)}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('data.runsEmpty')}
      />
    </section>
  );
}

/** /data/imports/<id>: one run with its counts and error report. */
export function ImportRunPage({ runId }: { runId: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="data-run-title">
      <div className="card__header data-card-header">
        <h2 id="data-run-title" className="card__title">{t('data.runTitle', { id: runId })}</h2>
        <Link to="/data/imports" className="button button--ghost button--small">{t('data.backToRuns')}</Link>
      </div>
      <ImportRunView runId={runId} />
    </section>
  );
}
