import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn, type SortState } from '../components/data-table.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples } from '../lib/format.ts';
import { formatMoney } from '../lib/format-money.ts';
import { navigate } from '../lib/router.tsx';
import { usePagedList } from '../lib/use-paged-list.ts';
import { formatPlainDate } from './format-date.ts';
import { BOARD_FILTER_KEYS, PipelineFilters } from './pipeline-filters.tsx';
import { SavedViewsBar } from './saved-views-bar.tsx';
import type { BoardCard, Stage } from './types.ts';
import { useStages } from './use-stages.ts';
import { useUrlFilters } from './use-url-filters.ts';
import { stageLabel, stageLabelOf } from './stage-label.ts';

const LIST_FILTER_KEYS = [...BOARD_FILTER_KEYS, 'stage', 'status', 'currency', 'sort', 'order'] as const;
const STATUSES = ['open', 'won', 'lost'] as const;

function columns(t: ReturnType<typeof useTranslation>['t'], stages: readonly Stage[], amountSortable: boolean, rows: readonly BoardCard[]): DataTableColumn<BoardCard>[] {
  const locale = intlLocale();
  const amount = (row: BoardCard) => formatMoney(row.amount.amountMinor, row.amount.currency, locale);
  // Names (free text) may be cut; stages, amounts, dates and owners are read whole (column-fit.ts).
  return [
    { key: 'name', header: t('pipeline.list.name'), sortable: true, minWidth: '12rem', clip: true, cell: (row) => <span className="table__primary">{row.name}</span> },
    { key: 'account', header: t('pipeline.list.account'), width: '11rem', clip: true, cell: (row) => row.accountName ?? '—' },
    { key: 'stage', header: t('pipeline.list.stage'), fit: { texts: stages.map((stage) => stageLabel(stage)) }, cell: (row) => stageLabelOf(row.stage, stages) },
    { key: 'amount', header: t('pipeline.list.amount'), sortable: amountSortable, align: 'end', fit: { texts: rows.map(amount) }, cell: amount },
    { key: 'closeDate', header: t('pipeline.list.closeDate'), sortable: true, fit: { texts: dateSamples(locale) }, cell: (row) => formatPlainDate(row.closeDate, locale) },
    { key: 'owner', header: t('pipeline.list.owner'), fit: { texts: rows.map((row) => row.ownerName ?? '—') }, cell: (row) => row.ownerName ?? '—' },
  ];
}

/** /pipeline/list: every opportunity in a virtualised table; filters, sort and saved views on the server. */
export function ListPage() {
  const { t } = useTranslation();
  const { filters, setFilters, replaceAll } = useUrlFilters(LIST_FILTER_KEYS);
  const stages = useStages();
  // Amounts compare only within one currency (the API refuses sort=amount without it); a code
  // still being typed is not sent.
  const amountSortable = /^[A-Z]{3}$/.test(filters['currency'] ?? '');
  const sortKey = filters['sort'] === 'amount' && !amountSortable ? undefined : filters['sort'];
  const list = usePagedList<BoardCard>('/pipeline-board/cards', { ...filters, currency: amountSortable ? filters['currency'] : undefined, sort: sortKey, order: sortKey ? filters['order'] : undefined, limit: 100 });
  const sort: SortState | null = sortKey ? { key: sortKey, direction: filters['order'] === 'desc' ? 'desc' : 'asc' } : null;
  return (
    <div className="pipeline-list-page">
      <SavedViewsBar scope="opportunities" filters={filters} onApply={replaceAll} />
      <PipelineFilters idPrefix="list-filter" filters={filters} onChange={setFilters}>
        <SelectField
          id="list-filter-stage"
          label={t('pipeline.list.stage')}
          value={filters['stage'] ?? ''}
          options={[{ value: '', label: t('pipeline.filters.anyStage') }, ...stages.map((s) => ({ value: s.key, label: stageLabel(s) }))]}
          onValueChange={(value) => setFilters({ stage: value })}
        />
        <SelectField
          id="list-filter-status"
          label={t('pipeline.list.status')}
          value={filters['status'] ?? ''}
          options={[{ value: '', label: t('pipeline.filters.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: t(`pipeline.statuses.${s}`) }))]}
          onValueChange={(value) => setFilters({ status: value })}
        />
        <TextField
          id="list-filter-currency"
          label={t('pipeline.list.currency')}
          hint={t('pipeline.list.currencyHint')}
          value={filters['currency'] ?? ''}
          maxLength={3}
          onValueChange={(value) => setFilters({ currency: value.toUpperCase() })}
        />
      </PipelineFilters>
      <DataTable
        label={t('pipeline.list.label')}
        testId="pipeline-list"
        columns={columns(t, stages, amountSortable, list.rows)}
        rows={list.rows}
        rowKey={(row) => row.id}
        onOpen={(row) => navigate(`/pipeline/opportunities/${encodeURIComponent(row.id)}`)}
        sort={sort}
        onSortChange={(next) => setFilters({ sort: next.key, order: next.direction })}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('pipeline.list.empty')}
      />
    </div>
  );
}
