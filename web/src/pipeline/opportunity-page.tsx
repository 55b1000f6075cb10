import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { formatMoney } from '../lib/format-money.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { formatPlainDate } from './format-date.ts';
import type { BoardCard, StageHistoryEntry } from './types.ts';
import { useStages } from './use-stages.ts';
import { stageLabelOf } from './stage-label.ts';

type Loaded = { card: BoardCard; history: StageHistoryEntry[] };
const DAY_MS = 86_400_000;

/** /pipeline/opportunities/<id>: the deal's facts and its stage history, oldest first. */
export function OpportunityPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const stages = useStages();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const load = useCallback(async () => {
    setProblem(null);
    try {
      const card = await apiRequest<BoardCard>('GET', `/pipeline-board/cards/${encodeURIComponent(id)}`);
      const history = (await apiRequest<{ data: StageHistoryEntry[] }>('GET', `/opportunities/${encodeURIComponent(id)}/stage-history`)).data;
      setLoaded({ card, history });
    } catch (error) {
      setProblem(summarizeError(error, t));
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);
  useDocumentTitle(loaded ? loaded.card.name : t('pipeline.detail.title'));

  const locale = intlLocale();
  const label = (key: string) => stageLabelOf(key, stages);
  if (problem) {
    return (
      <>
        <PageHeader title={t('pipeline.detail.title')} />
        <Banner tone="error" title={problem.title} detail={problem.detail}>
          <button type="button" className="button button--secondary" onClick={() => void load()}>{t('errors.retry')}</button>
        </Banner>
      </>
    );
  }
  if (!loaded) return <PageLoading label={t('app.loading')} />;
  const { card, history } = loaded;
  return (
    <>
      <p className="pipeline-back"><Link to="/pipeline">{t('pipeline.detail.back')}</Link></p>
      <PageHeader title={card.name} description={card.accountName ?? undefined} />
      <div className="pipeline-detail">
        <section className="card" aria-labelledby="opportunity-facts-title">
          <h2 id="opportunity-facts-title" className="card__title">{t('pipeline.detail.facts')}</h2>
          <dl className="pipeline-facts">
            <dt>{t('pipeline.list.stage')}</dt><dd data-testid="opportunity-stage">{label(card.stage)}</dd>
            <dt>{t('pipeline.list.amount')}</dt><dd>{formatMoney(card.amount.amountMinor, card.amount.currency, locale)}</dd>
            <dt>{t('pipeline.detail.probability')}</dt><dd>{new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(card.probabilityBps / 10_000)}</dd>
            <dt>{t('pipeline.list.closeDate')}</dt><dd>{formatPlainDate(card.closeDate, locale)}</dd>
            <dt>{t('pipeline.list.owner')}</dt><dd>{card.ownerName ?? '—'}</dd>
            <dt>{t('pipeline.list.account')}</dt><dd><Link to={`/customers/${encodeURIComponent(card.accountId)}`}>{card.accountName ?? card.accountId}</Link></dd>
            {card.lostReason ? (<><dt>{t('pipeline.lost.reason')}</dt><dd>{card.lostReason}</dd></>) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="opportunity-history-title">
          <h2 id="opportunity-history-title" className="card__title">{t('pipeline.detail.history')}</h2>
          <ol className="pipeline-timeline" data-testid="stage-history">
            {history.map((entry) => (
              <li key={`${entry.stage}-${entry.enteredAt}`} className={entry.leftAt === null ? 'pipeline-timeline__item pipeline-timeline__item--current' : 'pipeline-timeline__item'}>
                <p className="pipeline-timeline__stage">{label(entry.stage)}</p>
                <p className="muted">
                  {t('pipeline.detail.entered', { at: formatDateTime(entry.enteredAt, locale) })}
                  {' · '}
                  {t('pipeline.detail.days', { days: formatNumber(Math.floor(entry.timeInStageMs / DAY_MS), locale) })}
                  {' · '}
                  {formatMoney(entry.amountAtEntry.amountMinor, entry.amountAtEntry.currency, locale)}
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <RecordHistory entityType="opportunity" entityId={card.id} />
    </>
  );
}
