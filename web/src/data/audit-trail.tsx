import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { summarizeError } from '../lib/problem.ts';
import type { Role } from '../lib/sections.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { actorLabel } from './actor-label.ts';
import { useActorNames } from '../lib/use-actor-names.ts';
import { AuditChangeTable } from './audit-change-table.tsx';
import { auditActionLabel } from './audit-labels.ts';
import type { AuditEntry } from './data-types.ts';
import './data.css';

const PAGE_SIZE = 20;

/** The roles the server lets read the audit log (GET /audit); the API enforces it regardless. */
export const AUDIT_READER_ROLES: readonly Role[] = ['admin', 'revops', 'finance'];

type TrailProps = { entityType: string; entityId: string; headingLevel?: 2 | 3 };

/**
 * The history of one record (who, when, what, before/after), newest first, for any page to embed:
 * `<AuditTrail entityType="account" entityId={account.id} />`. Needs a role that may read the audit
 * log (admin, revops, finance); others see the server's refusal as a message.
 */
export function AuditTrail({ entityType, entityId, headingLevel = 2 }: TrailProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `audit-trail-${entityType}-${entityId}`;
  return (
    <section className="card data-trail" aria-labelledby={headingId} data-testid="audit-trail">
      <div className="card__header data-card-header">
        <Heading id={headingId} className="card__title">{t('data.trailTitle')}</Heading>
      </div>
      <AuditTrailEntries entityType={entityType} entityId={entityId} />
    </section>
  );
}

/**
 * The same history as a collapsed "Change history" panel for record pages: nothing is fetched until
 * it is opened, and it is not shown at all to roles that may not read the audit log.
 */
export function RecordHistory({ entityType, entityId, headingLevel = 2 }: TrailProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!AUDIT_READER_ROLES.includes(user.role)) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const bodyId = `record-history-${entityType}-${entityId}`;
  return (
    <section className="card data-trail data-history" data-testid="record-history">
      <Heading className="card__title data-history__title">
        <button type="button" className="data-history__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((value) => !value)}>
          <span aria-hidden="true" className="data-history__chevron">{open ? '▾' : '▸'}</span>
          {t('data.historyPanel')}
        </button>
      </Heading>
      <div id={bodyId} hidden={!open}>
        {open ? <AuditTrailEntries entityType={entityType} entityId={entityId} /> : null}
      </div>
    </section>
  );
}

function AuditTrailEntries({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const list = usePagedList<AuditEntry>('/audit', { entity: `${entityType}:${entityId}`, limit: PAGE_SIZE });
  const actorNames = useActorNames(list.rows.map((entry) => entry.actor.id));
  const locale = intlLocale();
  return (
    <>
      {list.problem ? <Banner tone="error" {...summarizeError(new ApiError(list.problem), t)} /> : null}
      {!list.loading && !list.problem && list.rows.length === 0 ? <p className="card__empty">{t('data.trailEmpty')}</p> : null}
      <ol className="data-trail__list">
        {list.rows.map((entry) => (
          <li key={entry.id} className="data-trail__entry" data-testid="audit-trail-entry">
            <p className="data-trail__meta">
              <span className="badge badge--neutral">{auditActionLabel(t, entry.action)}</span>{' '}
              <span>{actorLabel(entry.actor, user, t, actorNames)}</span>{' · '}
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
            </p>
            <AuditChangeTable before={entry.before} after={entry.after} caption={t('data.diffCaption', { action: auditActionLabel(t, entry.action), id: entry.entityId })} />
          </li>
        ))}
      </ol>
      {list.loading ? <p className="muted" role="status">{t('data.loading')}</p> : null}
      {list.hasMore && !list.loading ? (
        <button type="button" className="button button--secondary button--small" onClick={list.loadMore}>
          {t('data.loadMore')}
        </button>
      ) : null}
    </>
  );
}
