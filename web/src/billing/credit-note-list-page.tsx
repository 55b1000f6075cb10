import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples } from '../lib/format.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { AccountPicker } from './account-picker.tsx';
import { day, money, toMinor } from './billing-format.ts';
import { creditNoteListQuery, parseCreditNoteFilters, type CreditNoteFilters } from './credit-note-view.ts';
import { CustomerLink } from './customer-link.tsx';
import { CREDIT_NOTE_KINDS, type CreditNoteKind, type CreditNoteSummary } from './types.ts';
import { useAccountNames } from './use-account-names.ts';
import { setUrlFilter } from '../lib/url-filter.ts';

type KindFilter = CreditNoteKind | 'all';
type OpenFilter = 'all' | 'true' | 'false';

/**
 * /billing/credit-notes: every credit note, newest issue date first, filtered on the server by customer,
 * kind, open credit, currency and issue dates (held in the URL, so a filtered list can be linked).
 */
export function CreditNoteListPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.creditNotes.title'));
  const filters = parseCreditNoteFilters(search);
  const list = usePagedList<CreditNoteSummary>('/credit-notes', { limit: 100, ...creditNoteListQuery(filters) });
  const filteredName = useAccountNames(filters.accountId === '' ? [] : [filters.accountId])(filters.accountId);
  const currencyText = search.get('currency') ?? '';
  const setFilter = (key: keyof CreditNoteFilters, value: string) => setUrlFilter('/billing/credit-notes', key, value);
  // Customer names (free text) may be cut; numbers, kinds, dates and amounts are read whole (column-fit.ts).
  const remainingText = (n: CreditNoteSummary) => (toMinor(n.remaining) === 0n ? '—' : money(n.remaining));
  const columns: DataTableColumn<CreditNoteSummary>[] = [
    { key: 'number', header: t('billing.creditNotes.number'), fit: { texts: list.rows.map((n) => n.number) }, cell: (n) => n.number },
    { key: 'customer', header: t('billing.customer'), minWidth: '10rem', clip: true, cell: (n) => <CustomerLink accountId={n.accountId} name={n.accountName} tabIndex={-1} /> },
    // A void corrects its invoice; an adjustment corrects none (its credit is applied to invoices later): its kind instead.
    {
      key: 'invoice', header: t('billing.creditNotes.invoice'),
      fit: { texts: [...CREDIT_NOTE_KINDS.map((kind) => t(`billing.creditNotes.kinds.${kind}`)), ...list.rows.map((n) => n.invoiceNumber ?? '')] },
      cell: (n) => n.invoiceNumber ?? <span className="muted">{t(`billing.creditNotes.kinds.${n.kind}`)}</span>,
    },
    { key: 'issueDate', header: t('billing.creditNotes.issueDate'), fit: { texts: dateSamples(intlLocale()) }, cell: (n) => day(n.issueDate) },
    { key: 'total', header: t('billing.creditNotes.total'), align: 'end', fit: { texts: list.rows.map((n) => money(n.total)) }, cell: (n) => money(n.total) },
    {
      key: 'remaining', header: t('billing.creditNotes.remaining'), align: 'end', fit: { texts: list.rows.map(remainingText) },
      cell: (n) => <span data-testid="credit-note-remaining">{remainingText(n)}</span>,
    },
  ];
  return (
    <>
      <PageHeader title={t('billing.creditNotes.title')} description={t('billing.creditNotes.description')} />
      <div className="billing-toolbar">
        <AccountPicker
          key={filteredName === '…' ? 'loading' : 'ready'}
          id="credit-note-account-filter" value={filters.accountId} emptyLabel={t('billing.creditNotes.allCustomers')}
          initialName={filters.accountId === '' || filteredName === '…' ? '' : filteredName}
          onChange={(account) => setFilter('accountId', account?.id ?? '')}
        />
        <SelectField<KindFilter>
          id="credit-note-kind-filter" label={t('billing.creditNotes.kind')} value={filters.kind || 'all'} onValueChange={(value) => setFilter('kind', value)}
          options={[{ value: 'all', label: t('billing.all') }, ...CREDIT_NOTE_KINDS.map((value) => ({ value, label: t(`billing.creditNotes.kinds.${value}`) }))]}
        />
        <SelectField<OpenFilter>
          id="credit-note-open-filter" label={t('billing.creditNotes.openFilter')} value={filters.open || 'all'} onValueChange={(value) => setFilter('open', value)}
          options={[{ value: 'all', label: t('billing.all') }, { value: 'true', label: t('billing.creditNotes.openOnly') }, { value: 'false', label: t('billing.creditNotes.usedUp') }]}
        />
        <TextField
          id="credit-note-currency-filter" label={t('billing.currency')} value={currencyText} maxLength={3} autoComplete="off" placeholder="EUR"
          onValueChange={(value) => setFilter('currency', value.toUpperCase())} hint={t('billing.invoices.currencyHint')}
        />
        <DateField id="credit-note-from" label={t('billing.creditNotes.from')} value={filters.from} onValueChange={(value) => setFilter('from', value)} />
        <DateField id="credit-note-to" label={t('billing.creditNotes.to')} value={filters.to} onValueChange={(value) => setFilter('to', value)} hint={t('billing.creditNotes.toHint')} />
      </div>
      <DataTable
        label={t('billing.creditNotes.title')}
        columns={columns}
        rows={list.rows}
        rowKey={(n) => n.id}
        onOpen={(n) => navigate(`/billing/credit-notes/${encodeURIComponent(n.id)}`)}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('billing.creditNotes.empty')}
        testId="credit-note-list"
      />
    </>
  );
}
