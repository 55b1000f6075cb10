import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { SelectField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples } from '../lib/format.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';
import type { SubscriptionSummary } from './types.ts';
import { useAccountNames } from './use-account-names.ts';

const STATUSES = ['all', 'trialing', 'active', 'paused', 'canceled', 'ended'] as const;
type StatusFilter = (typeof STATUSES)[number];

/** /billing/subscriptions: every subscription, newest first, filtered by status on the server. */
export function SubscriptionListPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.subscriptions.title'));
  const status = (search.get('status') ?? 'all') as StatusFilter;
  const list = usePagedList<SubscriptionSummary>('/subscriptions', { limit: 100, status: status === 'all' ? null : status });
  const nameOf = useAccountNames(list.rows.map((row) => row.accountId));
  // Plans and customers (free text) may be cut; statuses, dates and currencies are read whole (column-fit.ts).
  const dates = [...dateSamples(intlLocale()), '—'];
  const statusText = (s: SubscriptionSummary) => t(`billing.subscriptionStatus.${s.status}`, { defaultValue: s.status });
  const columns: DataTableColumn<SubscriptionSummary>[] = [
    { key: 'id', header: t('billing.subscriptions.one'), width: '14rem', clip: true, cell: (s) => <span title={s.id}>{s.planLabel ?? s.id}</span> },
    { key: 'customer', header: t('billing.customer'), minWidth: '10rem', clip: true, cell: (s) => <CustomerLink accountId={s.accountId} name={nameOf(s.accountId)} tabIndex={-1} /> },
    { key: 'status', header: t('billing.invoices.status'), fit: { texts: [...STATUSES.filter((each) => each !== 'all').map((each) => t(`billing.subscriptionStatus.${each}`)), ...list.rows.map(statusText)] }, cell: statusText },
    { key: 'start', header: t('billing.subscriptions.start'), fit: { texts: dates }, cell: (s) => day(s.startDate) },
    { key: 'end', header: t('billing.subscriptions.end'), fit: { texts: dates }, cell: (s) => day(s.endDate) },
    { key: 'currency', header: t('billing.currency'), fit: { texts: ['EUR', ...list.rows.map((s) => s.currency)] }, cell: (s) => s.currency },
  ];
  return (
    <>
      <PageHeader title={t('billing.subscriptions.title')} description={t('billing.subscriptions.description')} />
      <div className="billing-toolbar">
        <SelectField<StatusFilter>
          id="subscription-status-filter" label={t('billing.invoices.status')} value={status}
          options={STATUSES.map((value) => ({ value, label: value === 'all' ? t('billing.all') : t(`billing.subscriptionStatus.${value}`) }))}
          onValueChange={(value) => navigate(`/billing/subscriptions${value === 'all' ? '' : `?status=${value}`}`, { replace: true })}
        />
      </div>
      <DataTable
        label={t('billing.subscriptions.title')} columns={columns} rows={list.rows} rowKey={(s) => s.id}
        onOpen={(s) => navigate(`/billing/subscriptions/${encodeURIComponent(s.id)}`)}
        loading={list.loading} problem={list.problem} onRetry={list.retry} hasMore={list.hasMore} onLoadMore={list.loadMore}
        emptyMessage={t('billing.subscriptions.empty')} testId="subscription-list"
      />
    </>
  );
}
