import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { Banner } from '../components/banner.tsx';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { dateSamples, formatDateTime, formatNumber } from '../lib/format.ts';
import { summarizeError, toQueryProblem, type ErrorSummary } from '../lib/problem.ts';
import { useLocation } from '../lib/router.tsx';
import { usePagedList } from '../lib/use-paged-list.ts';
import { actorLabel } from './actor-label.ts';
import { useActorNames } from '../lib/use-actor-names.ts';
import { AuditChangeTable } from './audit-change-table.tsx';
import { auditActionLabel, auditEntityTypeLabel, auditEntityTypeOptions } from './audit-labels.ts';
import type { AuditEntry, AuditVerifyResult } from './data-types.ts';
import { useDebounced } from '../lib/use-debounced.ts';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const TYPE_PATTERN = /^[a-z][a-z0-9_]*$/;
const ID_PATTERN = /^[^\s:]+$/;
const AUDIT_FILTERS = ['entity', 'entityType', 'actorId', 'from', 'to'] as const;
type AuditFilter = (typeof AUDIT_FILTERS)[number];

/** A calendar day typed in the browser as the instant its local midnight starts (`next`: the day after). */
function dayStart(day: string, next = false): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return null;
  if (next) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** /data/audit: the audit log with filters; a row opens its before/after view. */
export function AuditPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { search } = useLocation();
  const initialEntity = search.get('entity') ?? '';
  const [entityType, setEntityType] = useState(initialEntity.includes(':') ? (initialEntity.split(':')[0] ?? '') : (search.get('entityType') ?? ''));
  const [entityId, setEntityId] = useState(initialEntity.includes(':') ? (initialEntity.split(':')[1] ?? '') : initialEntity);
  const [actorId, setActorId] = useState(search.get('actorId') ?? '');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const entryHeading = useRef<HTMLHeadingElement>(null);
  // Opening an entry moves focus to its details, so a keyboard user lands where the content appeared.
  useEffect(() => entryHeading.current?.focus(), [selected?.id]);
  const locale = intlLocale();

  const type = useDebounced(entityType.trim(), SEARCH_DELAY_MS);
  const id = useDebounced(entityId.trim(), SEARCH_DELAY_MS);
  const actor = useDebounced(actorId.trim(), SEARCH_DELAY_MS);
  const typeError = type !== '' && !TYPE_PATTERN.test(type) ? t('data.auditTypeInvalid') : undefined;
  const idError = id !== '' && !ID_PATTERN.test(id) ? t('data.auditIdInvalid') : undefined;
  const from = dayStart(fromDay);
  const to = dayStart(toDay, true);
  const rangeError = from !== null && to !== null && from >= to ? t('data.auditRangeInvalid') : undefined;
  const query = useMemo(() => {
    const validType = typeError ? '' : type;
    const validId = idError ? '' : id;
    return {
      entity: validId === '' ? '' : validType === '' ? validId : `${validType}:${validId}`,
      entityType: validId === '' ? validType : '',
      actorId: actor,
      from: rangeError ? '' : from,
      to: rangeError ? '' : to,
      limit: PAGE_SIZE,
    };
  }, [type, id, actor, from, to, typeError, idError, rangeError]);
  const list = usePagedList<AuditEntry>('/audit', query);
  const actorNames = useActorNames(list.rows.map((entry) => entry.actor.id));
  // The server's field errors at their filters in the reader's language; the table then says to fix them.
  const queryProblem = list.problem ? toQueryProblem(list.problem, AUDIT_FILTERS, t) : null;
  const fieldError = (name: AuditFilter) => queryProblem?.fields[name];
  const tableDetail = queryProblem?.banner?.detail;
  const tableProblem = list.problem && tableDetail ? { ...list.problem, detail: tableDetail } : list.problem;

  // People and record ids may be cut; times, actions and record types (in words) are read whole (column-fit.ts).
  const columns: DataTableColumn<AuditEntry>[] = [
    { key: 'occurredAt', header: t('data.auditWhen'), fit: { texts: dateSamples(locale, { time: true }) }, cell: (entry) => <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time> },
    { key: 'actor', header: t('data.auditWho'), width: '16%', clip: true, cell: (entry) => actorLabel(entry.actor, user, t, actorNames) },
    { key: 'action', header: t('data.auditAction'), fit: { texts: list.rows.map((entry) => auditActionLabel(t, entry.action)) }, cell: (entry) => auditActionLabel(t, entry.action) },
    { key: 'entityType', header: t('data.auditEntityType'), fit: { texts: list.rows.map((entry) => auditEntityTypeLabel(t, entry.entityType)) }, cell: (entry) => auditEntityTypeLabel(t, entry.entityType) },
    { key: 'entityId', header: t('data.auditRecordId'), minWidth: '8rem', clip: true, cell: (entry) => <span className="data-mono">{entry.entityId}</span> },
  ];

  return (
    <>
      <section className="card" aria-labelledby="data-audit-filters">
        <h2 id="data-audit-filters" className="visually-hidden">{t('data.auditFilters')}</h2>
        <form className="data-filters" role="search" onSubmit={(event) => event.preventDefault()}>
          <SelectField id="audit-entity-type" label={t('data.auditEntityType')} value={entityType} onValueChange={setEntityType} error={typeError ?? fieldError('entityType')}
            options={[{ value: '', label: t('data.auditAllTypes') }, ...auditEntityTypeOptions(t, locale, entityType)]} />
          <TextField id="audit-entity-id" label={t('data.auditRecordId')} value={entityId} onValueChange={setEntityId} error={idError ?? fieldError('entity')} autoComplete="off" />
          <TextField id="audit-actor" label={t('data.auditActor')} hint={t('data.auditActorHint')} value={actorId} onValueChange={setActorId} error={fieldError('actorId')} autoComplete="off" />
          <DateField id="audit-from" label={t('data.auditFrom')} value={fromDay} onValueChange={setFromDay} error={fieldError('from')} />
          <DateField id="audit-to" label={t('data.auditTo')} value={toDay} onValueChange={setToDay} error={rangeError ?? fieldError('to')} />
        </form>
      </section>
      <section className="card" aria-labelledby="data-audit-list">
        <div className="card__header data-card-header">
          <h2 id="data-audit-list" className="card__title">{t('data.auditListTitle')}</h2>
        </div>
        <DataTable
          label={t('data.auditListTitle')}
          testId="audit-table"
          columns={columns}
          rows={list.rows}
          rowKey={(entry) => entry.id}
          onOpen={setSelected}
          loading={list.loading}
          problem={tableProblem}
          onRetry={list.retry}
          hasMore={list.hasMore}
          onLoadMore={list.loadMore}
          emptyMessage={t('data.auditEmpty')}
          maxHeightPx={420}
        />
      </section>
      {selected ? (
        <section className="card" aria-labelledby="data-audit-entry" data-testid="audit-entry">
          <div className="card__header data-card-header">
            <h2 id="data-audit-entry" className="card__title" tabIndex={-1} ref={entryHeading}>
              {t('data.auditEntryTitle', { action: auditActionLabel(t, selected.action), type: auditEntityTypeLabel(t, selected.entityType), id: selected.entityId })}
            </h2>
            <button type="button" className="button button--ghost button--small" onClick={() => setSelected(null)}>{t('common.close')}</button>
          </div>
          <p className="muted">
            {actorLabel(selected.actor, user, t, actorNames)} · <time dateTime={selected.occurredAt}>{formatDateTime(selected.occurredAt, locale)}</time> · {t('data.auditSeq', { seq: selected.seq })}
          </p>
          <AuditChangeTable before={selected.before} after={selected.after} caption={t('data.diffCaption', { action: auditActionLabel(t, selected.action), id: selected.entityId })} />
        </section>
      ) : null}
      {user.role === 'admin' ? <AuditVerifyCard /> : <p className="muted data-note">{t('data.verifyAdminOnly')}</p>}
    </>
  );
}

/** GET /audit/verify (admin): re-computes the hash chain on request, since it reads the whole log. */
function AuditVerifyCard() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ running: boolean; result: AuditVerifyResult | null; error: ErrorSummary | null }>({ running: false, result: null, error: null });
  const verify = () => {
    setState({ running: true, result: null, error: null });
    apiRequest<AuditVerifyResult>('GET', '/audit/verify').then(
      (result) => setState({ running: false, result, error: null }),
      (error: unknown) => setState({ running: false, result: null, error: summarizeError(error, t) }),
    );
  };
  const { result } = state;
  return (
    <section className="card" aria-labelledby="data-audit-verify" data-testid="audit-verify">
      <div className="card__header data-card-header">
        <h2 id="data-audit-verify" className="card__title">{t('data.verifyTitle')}</h2>
        <button type="button" className="button button--secondary button--small" onClick={verify} disabled={state.running}>
          {state.running ? t('data.verifyRunning') : t('data.verifyButton')}
        </button>
      </div>
      <p className="muted">{t('data.verifyDescription')}</p>
      {state.error ? <Banner tone="error" title={state.error.title} detail={state.error.detail} /> : null}
      {result?.ok ? <Banner tone="success" title={t('data.verifyOk', { checked: formatNumber(result.checked, intlLocale()) })} detail={t('data.verifyHead', { seq: result.headSeq ?? '' })} /> : null}
      {result && !result.ok ? (
        <Banner tone="error" title={t('data.verifyBroken', { seq: result.problem?.seq ?? '' })} detail={`${result.problem?.kind ?? ''}: ${result.problem?.message ?? ''}`} />
      ) : null}
    </section>
  );
}
