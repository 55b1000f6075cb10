import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { usePagedList } from '../lib/use-paged-list.ts';
import type { TimelineEvent } from './customer-types.ts';
import { activityTypeLabel, memberStatusLabel, quoteStatusLabel } from './code-labels.ts';
import { formatAmount, formatPlainDate } from './format-customer.ts';
import { stageLabel } from '../pipeline/stage-label.ts';
import type { Stage } from '../pipeline/types.ts';
import { useStages } from '../pipeline/use-stages.ts';

const PAGE_SIZE = 20;

function EventTitle({ event, stages }: { event: TimelineEvent; stages: readonly Stage[] }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  switch (event.kind) {
    case 'invoice':
      return <Link to={`/billing/invoices/${event.id}`}>{t('customers.timeline.invoice', { number: event.title ?? event.id })}</Link>;
    case 'payment':
      return <>{t('customers.timeline.payment')}</>;
    case 'promise':
      return <>{t('customers.timeline.promise', { date: event.subtype ? formatPlainDate(event.subtype, locale) : '' })}</>;
    case 'collection_note':
      return (
        <>
          <span>{t(event.subtype === 'contacted' ? 'customers.timeline.collectionNoteContacted' : 'customers.timeline.collectionNote')}</span>
          <span className="customer360__note-body">{event.title ?? ''}</span>
        </>
      );
    case 'quote':
      return <Link to={`/quotes/${event.id}`}>{t('customers.timeline.quote', { status: quoteStatusLabel(t, event.subtype ?? '') })}</Link>;
    case 'stage_change': {
      // The event carries the stage's configured label: a default stage still so named reads in the reader's language.
      const stage = stages.find((candidate) => candidate.label === event.subtype);
      return <>{t('customers.timeline.stageChange', { opportunity: event.title ?? '', stage: stage ? stageLabel(stage) : (event.subtype ?? '') })}</>;
    }
    case 'ticket':
      return <>{t('customers.timeline.ticket', { subject: event.title ?? '' })}</>;
    case 'campaign_touch':
      return <>{t('customers.timeline.campaignTouch', { campaign: event.title ?? '', status: memberStatusLabel(t, event.subtype ?? '') })}</>;
    case 'activity':
      return <>{t('customers.timeline.activity', { type: activityTypeLabel(t, event.subtype ?? ''), subject: event.title ?? '' })}</>;
  }
}

/** The merged timeline, most recent first, a page at a time; `version` changes after a write to reload it. */
export function CustomerTimeline({ accountId, version }: { accountId: string; version: number }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const query = useMemo(() => ({ limit: PAGE_SIZE }), []);
  const list = usePagedList<TimelineEvent>(`/accounts/${encodeURIComponent(accountId)}/360/timeline`, query);
  const stages = useStages();
  const { reload } = list;
  const shownVersion = useRef(version);
  useEffect(() => {
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    reload();
  }, [version, reload]);
  return (
    <section className="card customer360__card" aria-labelledby="customer-timeline-title" data-testid="customer-timeline">
      <div className="card__header">
        <h2 id="customer-timeline-title" className="card__title">{t('customers.timelineTitle')}</h2>
      </div>
      {list.rows.length === 0 && !list.loading && list.problem === null ? <p className="card__empty">{t('customers.noEvents')}</p> : null}
      <ol className="customer360__timeline" aria-busy={list.loading || undefined}>
        {list.rows.map((event) => (
          <li key={`${event.kind}:${event.id}`} className={`customer360__event customer360__event--${event.kind}`} data-testid="timeline-event" data-kind={event.kind}>
            <span className="customer360__event-kind">{t(`customers.kinds.${event.kind}`)}</span>
            <span className="customer360__event-title">
              <EventTitle event={event} stages={stages} />
            </span>
            <span className="customer360__muted">
              <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
              {event.amount ? ` · ${formatAmount(event.amount, locale)}` : ''}
            </span>
          </li>
        ))}
      </ol>
      {list.loading ? <p className="customer360__muted" role="status">{t('app.loading')}</p> : null}
      {list.problem ? (
        <p className="field__error" role="alert">
          {list.problem.title}{' '}
          <button type="button" className="button button--secondary button--small" onClick={list.retry}>{t('errors.retry')}</button>
        </p>
      ) : null}
      {list.hasMore && !list.loading ? (
        <div className="card__footer">
          <button type="button" className="button button--secondary" onClick={list.loadMore}>{t('customers.moreEvents')}</button>
        </div>
      ) : null}
    </section>
  );
}
