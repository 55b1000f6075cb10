import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DataTable, type DataTableColumn, type SortState } from '../components/data-table.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { dateSamples, formatDate } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { usePagedList } from '../lib/use-paged-list.ts';
import { ConvertLeadDialog, leadName } from './convert-lead-dialog.tsx';
import { LeadFunnelChart } from './lead-funnel.tsx';
import { SavedViewsBar } from './saved-views-bar.tsx';
import type { ConvertLeadResult, Lead, LeadStatus } from './types.ts';
import { useUrlFilters } from './use-url-filters.ts';
import { leadStatusLabel } from './stage-label.ts';

const LEAD_FILTER_KEYS = ['q', 'status', 'sort', 'order'] as const;
const CLOSED_STAGES = ['converted', 'disqualified'];

function useLeadStatuses(): LeadStatus[] {
  const [statuses, setStatuses] = useState<LeadStatus[]>([]);
  useEffect(() => {
    apiRequest<{ data: LeadStatus[] }>('GET', '/lead-statuses').then((page) => setStatuses(page.data), () => undefined);
  }, []);
  return statuses;
}

/** /pipeline/leads: the funnel, the leads (status filter, search, sort) and lead conversion. */
export function LeadsPage() {
  const { t } = useTranslation();
  const { filters, setFilters, replaceAll } = useUrlFilters(LEAD_FILTER_KEYS);
  const statuses = useLeadStatuses();
  const [search, setSearch] = useState(filters['q'] ?? '');
  const [converting, setConverting] = useState<Lead | null>(null);
  const [converted, setConverted] = useState<{ name: string; result: ConvertLeadResult } | null>(null);
  const [funnelKey, setFunnelKey] = useState(0);
  const list = usePagedList<Lead>('/leads', { ...filters, limit: 100 });
  const sort: SortState | null = filters['sort'] ? { key: filters['sort'], direction: filters['order'] === 'desc' ? 'desc' : 'asc' } : null;
  const locale = intlLocale();
  const statusLabel = (key: string) => {
    const status = statuses.find((s) => s.key === key);
    return status ? leadStatusLabel(status) : key;
  };

  // Names, companies and addresses (free text) may be cut; statuses, dates and the row's action are read whole (column-fit.ts).
  const columns: DataTableColumn<Lead>[] = [
    { key: 'name', header: t('pipeline.leads.name'), sortable: true, width: '18%', clip: true, cell: (lead) => <span className="table__primary">{leadName(lead)}</span> },
    { key: 'company', header: t('pipeline.leads.company'), sortable: true, width: '15%', clip: true, cell: (lead) => lead.company ?? '—' },
    { key: 'email', header: t('pipeline.leads.email'), minWidth: '8rem', clip: true, cell: (lead) => lead.email ?? '—' },
    { key: 'status', header: t('pipeline.leads.status'), fit: { texts: statuses.map(leadStatusLabel), as: 'badge' }, cell: (lead) => <span className="badge badge--neutral">{statusLabel(lead.status)}</span> },
    { key: 'createdAt', header: t('pipeline.leads.created'), sortable: true, fit: { texts: dateSamples(locale) }, cell: (lead) => formatDate(lead.createdAt, locale) },
    {
      key: 'actions', header: t('pipeline.leads.actions'), fit: { texts: [t('pipeline.leads.openOpportunity'), t('pipeline.leads.convert')], as: 'button' }, cell: (lead) =>
        lead.convertedOpportunityId ? (
          <Link to={`/pipeline/opportunities/${encodeURIComponent(lead.convertedOpportunityId)}`}>{t('pipeline.leads.openOpportunity')}</Link>
        ) : CLOSED_STAGES.includes(lead.stage) ? null : (
          <button type="button" className="button button--secondary button--small" aria-label={t('pipeline.leads.convertLabel', { name: leadName(lead) })} onClick={() => setConverting(lead)}>
            {t('pipeline.leads.convert')}
          </button>
        ),
    },
  ];

  return (
    <div className="pipeline-leads-page">
      <LeadFunnelChart refreshKey={funnelKey} />
      {converted ? (
        <Banner tone="success" title={t('pipeline.convert.done', { name: converted.name })}>
          {converted.result.opportunityId ? (
            <Link to={`/pipeline/opportunities/${encodeURIComponent(converted.result.opportunityId)}`}>{t('pipeline.leads.openOpportunity')}</Link>
          ) : null}
        </Banner>
      ) : null}
      <SavedViewsBar scope="leads" filters={filters} onApply={replaceAll} />
      <form className="pipeline-filters" role="search" aria-label={t('pipeline.leads.filtersLabel')} onSubmit={(event) => { event.preventDefault(); setFilters({ q: search.trim() }); }}>
        <TextField id="lead-filter-q" type="search" label={t('pipeline.filters.search')} value={search} onValueChange={setSearch} onBlur={() => setFilters({ q: search.trim() })} />
        <SelectField id="lead-filter-status" label={t('pipeline.leads.status')} value={filters['status'] ?? ''}
          options={[{ value: '', label: t('pipeline.filters.anyStatus') }, ...statuses.map((s) => ({ value: s.key, label: leadStatusLabel(s) }))]}
          onValueChange={(value) => setFilters({ status: value })} />
      </form>
      <DataTable
        label={t('pipeline.leads.label')}
        testId="leads-list"
        columns={columns}
        rows={list.rows}
        rowKey={(lead) => lead.id}
        sort={sort}
        onSortChange={(next) => setFilters({ sort: next.key, order: next.direction })}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('pipeline.leads.empty')}
      />
      <ConvertLeadDialog
        lead={converting}
        onClose={() => setConverting(null)}
        onConverted={(result) => {
          setConverted({ name: converting ? leadName(converting) : '', result });
          setConverting(null);
          setFunnelKey((n) => n + 1);
          list.reload();
        }}
      />
    </div>
  );
}
