import { ledgerAccountName } from './ledger-account-name.ts';
import { useTranslation } from 'react-i18next';
import type { FitText } from '../components/column-fit.ts';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples } from '../lib/format.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money } from './billing-format.ts';
import { LedgerSource, ReversalBadge } from './ledger-source.tsx';
import { SOURCE_TYPES, type JournalEntry, type LedgerAccount } from './ledger-types.ts';
import { entryListQuery, entryTotals, parseEntryFilters, type EntryFilters } from './ledger-view.ts';
import { useResource } from './use-resource.ts';
import { setUrlFilter } from '../lib/url-filter.ts';

/** /billing/ledger/entries: journal entries newest first, filtered on the server by date range, account and source (held in the URL). */
export function LedgerEntriesPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.ledger.entries.title'));
  const filters = parseEntryFilters(search);
  const list = usePagedList<JournalEntry>('/ledger/entries', { limit: 100, order: 'desc', ...entryListQuery(filters) });
  const accounts = useResource<{ data: LedgerAccount[] }>('/ledger/accounts');
  const locale = intlLocale();
  const setFilter = (key: keyof EntryFilters, value: string) => setUrlFilter('/billing/ledger/entries', key, value);
  const totalsText = (entry: JournalEntry) => entryTotals(entry).map((total) => money({ amountMinor: total.debitMinor.toString(), currency: total.currency }, locale)).join(' · ');
  // Descriptions (free text) may be cut; numbers, dates, sources and totals are read whole (column-fit.ts).
  const sourceText = (entry: JournalEntry) => (entry.source === null ? '—' : t(`billing.ledger.sources.${entry.source.type}`, { defaultValue: entry.source.type }));
  // An entry's number and, beside it, its "Reversed" or "Reversal" badge (ledger-source.tsx ReversalBadge).
  const numberTexts = (entry: JournalEntry): FitText[] => {
    const badge = entry.reversesEntryId !== null ? 'isReversal' : entry.reversedByEntryId !== null ? 'isReversed' : null;
    return badge === null ? [entry.number] : [entry.number, { text: t(`billing.ledger.entries.${badge}`), as: 'badge' }];
  };
  const columns: DataTableColumn<JournalEntry>[] = [
    { key: 'number', header: t('billing.ledger.entries.number'), fit: { texts: list.rows.map(numberTexts) }, cell: (e) => <>{e.number}<ReversalBadge entry={e} /></> },
    { key: 'date', header: t('billing.ledger.entries.date'), fit: { texts: dateSamples(locale) }, cell: (e) => day(e.entryDate, locale) },
    { key: 'description', header: t('billing.ledger.entries.description'), minWidth: '10rem', clip: true, cell: (e) => e.description },
    {
      key: 'source', header: t('billing.ledger.entries.source'), fit: { texts: ['—', ...SOURCE_TYPES.map((type) => t(`billing.ledger.sources.${type}`)), ...list.rows.map(sourceText)] },
      cell: (e) => <LedgerSource entry={e} tabIndex={-1} />,
    },
    { key: 'total', header: t('billing.ledger.entries.total'), align: 'end', fit: { texts: list.rows.map(totalsText) }, cell: (e) => <span data-testid="ledger-entry-total">{totalsText(e)}</span> },
  ];
  const accountOptions = [{ value: 'all', label: t('billing.all') }, ...(accounts.data?.data ?? []).map((a) => ({ value: a.code, label: `${a.code} ${ledgerAccountName(t, a.code, a.name)}` }))];
  if (filters.accountCode !== '' && !accountOptions.some((o) => o.value === filters.accountCode)) accountOptions.push({ value: filters.accountCode, label: filters.accountCode });
  return (
    <>
      <PageHeader title={t('billing.ledger.entries.title')} description={t('billing.ledger.entries.descriptionText')} />
      <div className="billing-toolbar">
        <DateField id="ledger-from" label={t('billing.ledger.entries.from')} value={filters.from} onValueChange={(value) => setFilter('from', value)} />
        <DateField id="ledger-to" label={t('billing.ledger.entries.to')} value={filters.to} onValueChange={(value) => setFilter('to', value)} hint={t('billing.ledger.entries.toHint')} />
        <SelectField<string> id="ledger-account-filter" label={t('billing.ledger.account')} value={filters.accountCode || 'all'} options={accountOptions} onValueChange={(value) => setFilter('accountCode', value)} />
        <SelectField<string>
          id="ledger-source-filter" label={t('billing.ledger.entries.sourceType')} value={filters.sourceType || 'all'} onValueChange={(value) => setFilter('sourceType', value)}
          options={[{ value: 'all', label: t('billing.all') }, ...SOURCE_TYPES.map((value) => ({ value, label: t(`billing.ledger.sources.${value}`) }))]}
        />
        <TextField id="ledger-source-id" label={t('billing.ledger.entries.sourceId')} value={filters.sourceId} autoComplete="off" onValueChange={(value) => setFilter('sourceId', value.trim())} placeholder="inv_…" />
      </div>
      <DataTable
        label={t('billing.ledger.entries.title')}
        columns={columns}
        rows={list.rows}
        rowKey={(e) => e.id}
        onOpen={(e) => navigate(`/billing/ledger/entries/${encodeURIComponent(e.id)}`)}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('billing.ledger.entries.empty')}
        testId="ledger-entries"
      />
    </>
  );
}
