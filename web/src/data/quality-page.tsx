import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import type { DataQualityReport, MatchCandidate, QualitySection } from './data-types.ts';
import { RecordLink } from './record-link.tsx';

const SEVERITY_BADGE = { error: 'badge badge--danger', warning: 'badge data-badge--warning', info: 'badge badge--neutral' } as const;

/** /data/quality: the data-quality report and the identity-resolution review queue. */
export function QualityPage() {
  return (
    <>
      <QualityReport />
      <MatchCandidates />
    </>
  );
}

function QualityReport() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ report: DataQualityReport | null; error: ErrorSummary | null; generation: number }>({ report: null, error: null, generation: 0 });
  useEffect(() => {
    let current = true;
    apiRequest<DataQualityReport>('GET', '/data-quality').then(
      (report) => current && setState((previous) => ({ ...previous, report, error: null })),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: summarizeError(error, t) })),
    );
    return () => {
      current = false;
    };
  }, [state.generation, t]);
  const locale = intlLocale();
  const { report } = state;
  const issues = report?.sections.reduce((sum, section) => sum + section.count, 0) ?? 0;
  return (
    <section className="card data-quality" aria-labelledby="data-quality-title" data-testid="quality-report">
      <div className="card__header data-card-header">
        <div>
          <h2 id="data-quality-title" className="card__title">{t('data.qualityTitle')}</h2>
          {report ? <p className="card__subtitle">{t('data.qualityGenerated', { at: formatDateTime(report.generatedAt, locale), issues: formatNumber(issues, locale) })}</p> : null}
        </div>
        <button type="button" className="button button--secondary button--small" onClick={() => setState((previous) => ({ ...previous, report: null, generation: previous.generation + 1 }))}>
          {t('data.refresh')}
        </button>
      </div>
      {state.error ? <Banner tone="error" title={state.error.title} detail={state.error.detail} /> : null}
      {!report && !state.error ? <p className="muted" role="status">{t('data.loading')}</p> : null}
      {report ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('data.qualityTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('data.qualityCheck')}</th>
                <th scope="col">{t('data.qualitySeverity')}</th>
                <th scope="col" className="data-num">{t('data.qualityCount')}</th>
                <th scope="col">{t('data.qualityRecords')}</th>
              </tr>
            </thead>
            <tbody>
              {report.sections.map((section) => <QualityRow key={section.check} section={section} />)}
            </tbody>
          </table>
        </div>
      ) : null}
      {report && report.notCovered.length > 0 ? (
        <p className="muted data-note">{t('data.qualityNotCovered', { checks: report.notCovered.map((gap) => `${gap.check} (${gap.reason})`).join('; ') })}</p>
      ) : null}
    </section>
  );
}

function QualityRow({ section }: { section: QualitySection }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const all = useAllCheckIds(section.check);
  const ids = all.ids ?? section.ids;
  return (
    <tr data-testid="quality-check" data-check={section.check}>
      <th scope="row">
        <span className="data-mono">{section.check}</span>
        <span className="data-quality__description">{t(`data.checks.${section.check as 'duplicate_accounts'}`, { defaultValue: section.description })}</span>
      </th>
      <td><span className={SEVERITY_BADGE[section.severity]}>{t(`data.severity.${section.severity}`)}</span></td>
      <td className="data-num">{formatNumber(section.count, locale)}</td>
      <td>
        {section.count === 0 ? (
          <span className="muted">{t('data.qualityClean')}</span>
        ) : (
          <details>
            <summary>{t(all.ids ? 'data.qualityShowAll' : 'data.qualityShowIds', { shown: formatNumber(ids.length, locale) })}</summary>
            {section.count > section.ids.length && all.ids === null ? (
              <button type="button" className="button button--secondary button--small" disabled={all.loading} onClick={all.load}>
                {t('data.qualityLoadAll', { count: section.count, formatted: formatNumber(section.count, locale) })}
              </button>
            ) : null}
            {all.ids ? <a className="button button--secondary button--small" href={csvHref(section.check, all.ids)} download={`${section.check}.csv`}>{t('data.qualityDownloadCsv')}</a> : null}
            {all.problem ? <Banner tone="error" {...all.problem} /> : null}
            {/* A scrolling list: focusable, so a keyboard reaches every id (axe: scrollable-region-focusable). */}
            <ul className="data-quality__ids" tabIndex={0} aria-label={section.check}>
              {ids.map((id) => <li key={id}><RecordLink id={id} /></li>)}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}

type CheckIdsPage = { data: string[]; nextCursor: string | null };

/** Every id of one check (GET /data-quality/:check, page after page), on request. */
function useAllCheckIds(check: string) {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const load = () => {
    setLoading(true);
    setProblem(null);
    void (async () => {
      const collected: string[] = [];
      let cursor: string | null = null;
      try {
        do {
          const page: CheckIdsPage = await apiRequest<CheckIdsPage>('GET', `/data-quality/${encodeURIComponent(check)}?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          collected.push(...page.data);
          cursor = page.nextCursor;
        } while (cursor !== null);
        setIds(collected);
      } catch (error) {
        setProblem(summarizeError(error, t));
      } finally {
        setLoading(false);
      }
    })();
  };
  return { ids, loading, problem, load };
}

/** The ids as a one-column CSV, for a spreadsheet or a bulk update elsewhere. */
function csvHref(check: string, ids: readonly string[]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${check}_id\n${ids.join('\n')}\n`)}`;
}

function MatchCandidates() {
  const { t } = useTranslation();
  const list = usePagedList<MatchCandidate>('/identity-resolution/candidates', { status: 'pending', limit: 50 });
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; title: string; detail: string | null } | null>(null);
  const locale = intlLocale();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

  const act = (candidate: MatchCandidate, verb: 'confirm' | 'reject') => {
    setBusy(candidate.id);
    setOutcome(null);
    const path = `/identity-resolution/candidates/${encodeURIComponent(candidate.id)}/${verb}`;
    apiRequest('POST', path, verb === 'confirm' ? {} : undefined).then(
      () => {
        setBusy(null);
        setOutcome({ tone: 'success', title: t(verb === 'confirm' ? 'data.candidateConfirmed' : 'data.candidateRejected', { a: candidate.accountIds[0], b: candidate.accountIds[1] }), detail: null });
        list.reload();
      },
      (error: unknown) => {
        setBusy(null);
        setOutcome({ tone: 'error', ...summarizeError(error, t) });
      },
    );
  };

  const columns: DataTableColumn<MatchCandidate>[] = [
    // Accounts and reasons may be cut; the score and the buttons are read whole (column-fit.ts).
    { key: 'accounts', header: t('data.candidateAccounts'), minWidth: '10rem', clip: true, cell: (c) => <><RecordLink id={c.accountIds[0]} /> ↔ <RecordLink id={c.accountIds[1]} /></> },
    { key: 'score', header: t('data.candidateScore'), align: 'end', fit: { texts: list.rows.map((c) => percent.format(c.score)) }, cell: (c) => percent.format(c.score) },
    { key: 'reasons', header: t('data.candidateReasons'), width: '30%', clip: true, cell: (c) => c.reasons.map((reason) => `${reason.rule}: ${reason.value}`).join(', ') },
    {
      key: 'actions', header: t('data.candidateActions'), fit: { texts: [[t('data.candidateConfirm'), t('data.candidateReject')]], as: 'button' }, cell: (c) => (
        <span className="data-actions">
          <button type="button" className="button button--primary button--small" disabled={busy !== null} onClick={() => act(c, 'confirm')} aria-label={t('data.candidateConfirmLabel', { a: c.accountIds[0], b: c.accountIds[1] })}>
            {t('data.candidateConfirm')}
          </button>
          <button type="button" className="button button--secondary button--small" disabled={busy !== null} onClick={() => act(c, 'reject')} aria-label={t('data.candidateRejectLabel', { a: c.accountIds[0], b: c.accountIds[1] })}>
            {t('data.candidateReject')}
          </button>
        </span>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="data-candidates-title">
      <div className="card__header data-card-header">
        <div>
          <h2 id="data-candidates-title" className="card__title">{t('data.candidatesTitle')}</h2>
          <p className="card__subtitle">{t('data.candidatesDescription')}</p>
        </div>
      </div>
      {outcome ? <Banner tone={outcome.tone} title={outcome.title} detail={outcome.detail} /> : null}
      <DataTable
        label={t('data.candidatesTitle')}
        testId="candidates-table"
        columns={columns}
        rows={list.rows}
        rowKey={(c) => c.id}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('data.candidatesEmpty')}
        maxHeightPx={360}
      />
    </section>
  );
}
