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
import { day, money } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';
import { invoiceListQuery, parseInvoiceFilters } from './invoice-list-view.ts';
import { InvoiceStatusBadge } from './status-badge.tsx';
import { INVOICE_STATUSES, type InvoiceStatus, type InvoiceSummary } from './types.ts';
import { useAccountNames } from './use-account-names.ts';
import { setUrlFilter, useUrlSearchBox } from '../lib/url-filter.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

type StatusFilter = InvoiceStatus | 'all';
type OverdueFilter = 'all' | 'true' | 'false';
type FilterKey = 'status' | 'overdue' | 'currency' | 'q' | 'from' | 'to';

/**
 * /billing/invoices: every invoice, newest document date first and by number within a day, filtered on the
 * server by status, overdue, currency, issue dates and a search by number or customer (held in the URL, so a
 * filtered list can be linked).
 */
export function InvoiceListPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.invoices.title'));
  const filters = parseInvoiceFilters(search);
  const status: StatusFilter = filters.status || 'all';
  const overdue: OverdueFilter = filters.overdue || 'all';
  const currencyText = search.get('currency') ?? '';
  const list = usePagedList<InvoiceSummary>('/invoices', { limit: 100, ...invoiceListQuery(filters) });
  const nameOf = useAccountNames(list.rows.map((row) => row.accountId));
  const today = todayLocalDate();
  const setFilter = (key: FilterKey, value: string) => setUrlFilter('/billing/invoices', key, value);
  const [searchText, setSearchText] = useUrlSearchBox('/billing/invoices', 'q', filters.q);
  // Customer names (free text) may be cut; numbers, statuses, dates and amounts are read whole (column-fit.ts):
  // "28 нояб. 2026 г." and Выставлен were cut in Russian with fixed widths.
  const dates = [...dateSamples(intlLocale()), '—'];
  const openText = (i: InvoiceSummary) => (i.status === 'draft' ? '—' : money(i.amountDue));
  const columns: DataTableColumn<InvoiceSummary>[] = [
    {
      key: 'number', header: t('billing.invoices.number'), fit: { texts: [t('billing.invoices.noNumber'), ...list.rows.map((i) => i.number ?? '')] },
      cell: (i) => i.number ?? <span className="muted">{t('billing.invoices.noNumber')}</span>,
    },
    { key: 'customer', header: t('billing.customer'), minWidth: '10rem', clip: true, cell: (i) => <CustomerLink accountId={i.accountId} name={nameOf(i.accountId)} tabIndex={-1} /> },
    {
      key: 'status', header: t('billing.invoices.status'), fit: { texts: [...INVOICE_STATUSES, 'overdue' as const].map((each) => t(`billing.status.${each}`)), as: 'badge' },
      cell: (i) => <InvoiceStatusBadge status={i.status} overdue={i.status === 'issued' && i.dueDate !== null && i.dueDate < today} />,
    },
    { key: 'issueDate', header: t('billing.invoices.issueDate'), fit: { texts: dates }, cell: (i) => day(i.issueDate) },
    { key: 'dueDate', header: t('billing.invoices.dueDate'), fit: { texts: dates }, cell: (i) => day(i.dueDate) },
    { key: 'total', header: t('billing.invoices.total'), align: 'end', fit: { texts: list.rows.map((i) => money(i.total)) }, cell: (i) => money(i.total) },
    { key: 'open', header: t('billing.invoices.open'), align: 'end', fit: { texts: list.rows.map(openText) }, cell: (i) => <span data-testid="invoice-open">{openText(i)}</span> },
  ];
  return (
    <>
      <PageHeader title={t('billing.invoices.title')} description={t('billing.invoices.description')} />
      <div className="billing-toolbar">
        <TextField
          id="invoice-search" type="search" label={t('billing.invoices.search')} hint={t('billing.invoices.searchHint')} value={searchText}
          onValueChange={setSearchText} autoComplete="off" maxLength={100}
        />
        <SelectField<StatusFilter>
          id="invoice-status-filter" label={t('billing.invoices.status')} value={status} onValueChange={(value) => setFilter('status', value)}
          options={[{ value: 'all', label: t('billing.all') }, ...INVOICE_STATUSES.map((value) => ({ value, label: t(`billing.status.${value}`) }))]}
        />
        <SelectField<OverdueFilter>
          id="invoice-overdue-filter" label={t('billing.invoices.overdue')} value={overdue} onValueChange={(value) => setFilter('overdue', value)}
          options={[{ value: 'all', label: t('billing.all') }, { value: 'true', label: t('billing.invoices.overdueOnly') }, { value: 'false', label: t('billing.invoices.notOverdue') }]}
        />
        <TextField
          id="invoice-currency-filter" label={t('billing.currency')} value={currencyText} maxLength={3} autoComplete="off" placeholder="EUR"
          onValueChange={(value) => setFilter('currency', value.toUpperCase())} hint={t('billing.invoices.currencyHint')}
        />
        <DateField id="invoice-from" label={t('billing.invoices.from')} value={filters.from} onValueChange={(value) => setFilter('from', value)} />
        <DateField id="invoice-to" label={t('billing.invoices.to')} value={filters.to} onValueChange={(value) => setFilter('to', value)} hint={t('billing.invoices.toHint')} />
      </div>
      <DataTable
        label={t('billing.invoices.title')}
        columns={columns}
        rows={list.rows}
        rowKey={(i) => i.id}
        onOpen={(i) => navigate(`/billing/invoices/${encodeURIComponent(i.id)}`)}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('billing.invoices.empty')}
        testId="invoice-list"
      />
    </>
  );
}
