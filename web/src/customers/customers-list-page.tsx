import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { TextField } from '../components/field.tsx';
import { DataTable, type DataTableColumn, type SortState } from '../components/data-table.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples, formatDate } from '../lib/format.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { AccountDialog, ACCOUNT_WRITE_ROLES } from './account-form.tsx';
import type { AccountListItem } from './customer-types.ts';
import { countryName, formatPlainDate } from './format-customer.ts';
import { useDebounced } from '../lib/use-debounced.ts';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

export function CustomersListPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('customers.title'));
  const [search, setSearch] = useState('');
  const [segment, setSegment] = useState('');
  const [country, setCountry] = useState('');
  const [sort, setSort] = useState<SortState>({ key: 'name', direction: 'asc' });
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const segmentFilter = useDebounced(segment.trim(), SEARCH_DELAY_MS);
  const countryCode = country.trim().toUpperCase();
  const countryError = countryCode !== '' && !/^[A-Z]{2}$/.test(countryCode) ? t('customers.countryInvalid') : undefined;
  const query = useMemo(
    () => ({ q, segment: segmentFilter, country: countryError ? '' : countryCode, sort: sort.key, order: sort.direction, limit: PAGE_SIZE }),
    [q, segmentFilter, countryCode, countryError, sort],
  );
  const list = usePagedList<AccountListItem>('/accounts', query);
  const locale = intlLocale();

  // Names (free text) may be cut; segments (a few short labels), countries (as lists write them: USA, not Vereinigte Staaten),
  // currencies and dates are read whole (column-fit.ts).
  const dates = dateSamples(locale);
  const shortCountry = (account: AccountListItem) => countryName(account.country, locale, 'short');
  const columns: DataTableColumn<AccountListItem>[] = [
    {
      key: 'name',
      header: t('customers.columnName'),
      sortable: true,
      minWidth: '12rem',
      clip: true,
      cell: (account) => (
        <Link to={`/customers/${account.id}`} tabIndex={-1} className="customers__name-link">
          {account.name}
        </Link>
      ),
    },
    { key: 'segment', header: t('customers.columnSegment'), fit: { texts: list.rows.map((account) => account.segment ?? '') }, cell: (account) => account.segment ?? '' },
    { key: 'country', header: t('customers.columnCountry'), fit: { texts: list.rows.map(shortCountry) }, cell: shortCountry },
    { key: 'currency', header: t('customers.columnCurrency'), fit: { texts: ['EUR'] }, cell: (account) => account.currency },
    { key: 'customerSince', header: t('customers.columnCustomerSince'), fit: { texts: dates }, cell: (account) => (account.customerSinceDate ? formatPlainDate(account.customerSinceDate, locale) : '') },
    { key: 'createdAt', header: t('customers.columnCreated'), sortable: true, fit: { texts: dates }, cell: (account) => formatDate(account.createdAt, locale) },
    { key: 'updatedAt', header: t('customers.columnUpdated'), sortable: true, fit: { texts: dates }, cell: (account) => formatDate(account.updatedAt, locale) },
  ];

  return (
    <>
      <PageHeader title={t('customers.title')} description={t('customers.description')} />
      <section className="card" aria-labelledby="customers-filters-title">
        <h2 id="customers-filters-title" className="visually-hidden">{t('customers.filtersTitle')}</h2>
        <form className="customers__filters" role="search" onSubmit={(event) => event.preventDefault()}>
          <TextField id="customers-search" type="search" label={t('customers.search')} hint={t('customers.searchHint')} value={search} onValueChange={setSearch} autoComplete="off" />
          <TextField id="customers-segment" label={t('customers.segment')} value={segment} onValueChange={setSegment} autoComplete="off" />
          <TextField id="customers-country" label={t('customers.country')} hint={t('customers.countryHint')} value={country} onValueChange={setCountry} error={countryError} maxLength={2} autoComplete="off" />
        </form>
      </section>
      <section className="card" aria-labelledby="customers-list-title">
        <div className="card__header customers__list-header">
          <h2 id="customers-list-title" className="card__title">{t('customers.listTitle')}</h2>
          {ACCOUNT_WRITE_ROLES.includes(user.role) ? (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>{t('customers.newCustomer')}</button>
          ) : null}
        </div>
        <DataTable
          label={t('customers.listTitle')}
          testId="customers-table"
          columns={columns}
          rows={list.rows}
          rowKey={(account) => account.id}
          onOpen={(account) => navigate(`/customers/${account.id}`)}
          sort={sort}
          onSortChange={setSort}
          loading={list.loading}
          problem={list.problem}
          onRetry={list.retry}
          hasMore={list.hasMore}
          onLoadMore={list.loadMore}
          emptyMessage={t('customers.empty')}
        />
      </section>
      <AccountDialog mode="create" open={creating} onClose={() => setCreating(false)} onSaved={(account) => navigate(`/customers/${account.id}`)} />
    </>
  );
}
