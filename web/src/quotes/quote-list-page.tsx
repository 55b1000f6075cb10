import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { SelectField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples, formatDate } from '../lib/format.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { QuoteStatusBadge } from './status-badge.tsx';
import { QUOTE_STATUSES, type QuoteListItem, type QuoteStatus } from './types.ts';
import { money } from './use-money.ts';

type StatusFilter = QuoteStatus | 'all';

/** /quotes: every quote the user may see, newest first, filtered by status (and ?accountId= / ?opportunityId=). */
export function QuoteListPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('quotes.listTitle'));
  const status = (search.get('status') ?? 'all') as StatusFilter;
  const accountId = search.get('accountId');
  const opportunityId = search.get('opportunityId');
  const list = usePagedList<QuoteListItem>('/quotes', { limit: 100, status: status === 'all' ? null : status, accountId, opportunityId });
  const locale = intlLocale();
  const setStatus = (value: StatusFilter) => {
    const next = new URLSearchParams(search);
    if (value === 'all') next.delete('status');
    else next.set('status', value);
    navigate(`/quotes${next.toString() !== '' ? `?${next.toString()}` : ''}`, { replace: true });
  };
  const newQuery = new URLSearchParams({ ...(opportunityId ? { opportunityId } : {}), ...(accountId ? { accountId } : {}) }).toString();
  // Names (free text) may be cut; statuses, dates, terms and amounts are read whole (column-fit.ts).
  const term = (q: QuoteListItem) => t('quotes.months', { count: q.termMonths });
  const columns: DataTableColumn<QuoteListItem>[] = [
    {
      key: 'id', header: t('quotes.columnQuote'), minWidth: '12rem', clip: true,
      cell: (q) => <Link to={`/quotes/${q.id}`} tabIndex={-1} title={q.id}>{t('quotes.listQuoteName', { opportunity: q.opportunityName ?? q.opportunityId, version: q.versionNumber })}</Link>,
    },
    { key: 'customer', header: t('quotes.columnCustomer'), width: '10rem', clip: true, cell: (q) => q.accountName ?? q.accountId },
    { key: 'status', header: t('quotes.columnStatus'), fit: { texts: QUOTE_STATUSES.map((each) => t(`quotes.status.${each}`)), as: 'badge' }, cell: (q) => <QuoteStatusBadge status={q.status} /> },
    { key: 'start', header: t('quotes.columnStart'), fit: { texts: dateSamples(locale) }, cell: (q) => formatDate(`${q.startDate}T12:00:00Z`, locale) },
    { key: 'term', header: t('quotes.columnTerm'), align: 'end', fit: { texts: list.rows.map(term) }, cell: term },
    { key: 'tcv', header: t('quotes.totals.tcv'), align: 'end', fit: { texts: list.rows.map((q) => money(q.totals.tcv, locale)) }, cell: (q) => money(q.totals.tcv, locale) },
    { key: 'arr', header: t('quotes.totals.arr'), align: 'end', fit: { texts: list.rows.map((q) => money(q.totals.arr, locale)) }, cell: (q) => money(q.totals.arr, locale) },
  ];
  return (
    <>
      <PageHeader title={t('quotes.listTitle')} description={t('quotes.listDescription')} />
      <div className="quotes-toolbar">
        <SelectField<StatusFilter>
          id="quotes-status-filter"
          label={t('quotes.filterStatus')}
          value={status}
          options={[{ value: 'all', label: t('quotes.allStatuses') }, ...QUOTE_STATUSES.map((value) => ({ value, label: t(`quotes.status.${value}`) }))]}
          onValueChange={setStatus}
        />
        <div className="quotes-toolbar__actions">
          <Link to="/quotes/approvals" className="button button--secondary">{t('quotes.inboxLink')}</Link>
          <Link to={`/quotes/new${newQuery ? `?${newQuery}` : ''}`} className="button button--primary">{t('quotes.newQuote')}</Link>
        </div>
      </div>
      <DataTable
        label={t('quotes.listTitle')}
        columns={columns}
        rows={list.rows}
        rowKey={(q) => q.id}
        onOpen={(q) => navigate(`/quotes/${q.id}`)}
        loading={list.loading}
        problem={list.problem}
        onRetry={list.retry}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        emptyMessage={t('quotes.listEmpty')}
        testId="quote-list"
      />
    </>
  );
}
