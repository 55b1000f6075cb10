import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples } from '../lib/format.ts';
import { useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { AccountPicker } from './account-picker.tsx';
import { day, money, toMinor } from './billing-format.ts';
import { CashApplicationPanel } from './cash-application-panel.tsx';
import { CustomerLink } from './customer-link.tsx';
import { parsePaymentFilters, paymentListQuery, type PaymentFilterKey } from './payment-list-view.ts';
import { RecordPaymentForm } from './record-payment-form.tsx';
import { StatementImportPanel } from './statement-import-panel.tsx';
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentSummary } from './types.ts';
import { useAccountNames } from './use-account-names.ts';
import { setUrlFilter, useUrlSearchBox } from '../lib/url-filter.ts';

type UnappliedFilter = 'all' | 'true' | 'false';
type MethodFilter = PaymentMethod | 'all';

/**
 * /billing/payments: payments received, newest received day first, filtered on the server by customer,
 * unapplied money, method, currency, received days and a search by reference or customer (held in the
 * URL, so a filtered list can be linked); recording one, and applying unapplied money to open invoices.
 */
export function PaymentsPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.payments.title'));
  const filters = parsePaymentFilters(search);
  const list = usePagedList<PaymentSummary>('/payments', { limit: 100, ...paymentListQuery(filters) });
  const nameOf = useAccountNames(list.rows.map((row) => row.accountId));
  const filteredName = useAccountNames(filters.accountId === '' ? [] : [filters.accountId])(filters.accountId);
  const currencyText = search.get('currency') ?? '';
  const [selected, setSelected] = useState<string | null>(null);
  const setFilter = (key: PaymentFilterKey, value: string) => setUrlFilter('/billing/payments', key, value);
  const [searchText, setSearchText] = useUrlSearchBox('/billing/payments', 'q', filters.q);
  const filtered = Object.values(filters).some((value) => value !== '');
  // The customer gets the room: a payment is told apart by date, reference and amount (its id, which
  // means nothing to a reader, is the reference cell's tooltip and what opening the row selects).
  // Customers and references (free text) may be cut; dates, methods, amounts and statuses are read whole, as
  // wide as the language writes them (column-fit.ts): "28 нояб. 2026 г.", Банковский перевод.
  const unappliedText = (p: PaymentSummary) => (toMinor(p.unapplied) === 0n ? '—' : money(p.unapplied));
  const columns: DataTableColumn<PaymentSummary>[] = [
    // The received day as the server files it (a date, no time zone to shift it a day).
    { key: 'received', header: t('billing.payments.receivedDate'), fit: { texts: dateSamples(intlLocale()) }, cell: (p) => day(p.receivedDate) },
    { key: 'customer', header: t('billing.customer'), minWidth: '8rem', clip: true, cell: (p) => <CustomerLink accountId={p.accountId} name={nameOf(p.accountId)} tabIndex={-1} /> },
    { key: 'reference', header: t('billing.payments.referenceColumn'), width: '9rem', clip: true, cell: (p) => <span className="payment-reference" title={p.id}>{p.reference ?? '—'}</span> },
    { key: 'method', header: t('billing.payments.method'), fit: { texts: PAYMENT_METHODS.map((method) => t(`billing.methods.${method}`)) }, cell: (p) => t(`billing.methods.${p.method}`) },
    { key: 'amount', header: t('billing.payments.amount'), align: 'end', fit: { texts: list.rows.map((p) => money(p.amount)) }, cell: (p) => money(p.amount) },
    // What finance can still apply: the money left on the payment, or a dash when none is. It takes the place
    // of "applied" (as the invoice list shows what is open, not what was paid): a ninth column left the
    // customer no room; what a payment paid shows when it is opened.
    {
      key: 'unapplied', header: t('billing.payments.unapplied'), align: 'end', fit: { texts: list.rows.map(unappliedText) },
      cell: (p) => <span data-testid="payment-list-unapplied">{unappliedText(p)}</span>,
    },
    { key: 'status', header: t('billing.invoices.status'), fit: { texts: PAYMENT_STATUSES.map((each) => t(`billing.paymentStatus.${each}`)) }, cell: (p) => t(`billing.paymentStatus.${p.status}`) },
  ];
  return (
    <>
      <PageHeader title={t('billing.payments.title')} description={t('billing.payments.description')} />
      <RecordPaymentForm
        initialAccountId={filters.accountId} initialCurrency={filters.currency}
        onRecorded={(payment) => {
          setSelected(payment.id);
          list.reload();
        }}
      />
      {selected ? <CashApplicationPanel key={selected} paymentId={selected} onChanged={list.reload} /> : null}
      <StatementImportPanel onImported={list.reload} />
      <section className="card" aria-labelledby="payments-list-title">
        <h2 id="payments-list-title" className="card__title">{t('billing.payments.listTitle')}</h2>
        <p className="muted">{t('billing.payments.openHint')}</p>
        <div className="billing-toolbar" data-testid="payment-filters">
          <AccountPicker
            key={filteredName === '…' ? 'loading' : 'ready'}
            id="payment-account-filter" value={filters.accountId} emptyLabel={t('billing.payments.allCustomers')}
            initialName={filters.accountId === '' || filteredName === '…' ? '' : filteredName}
            onChange={(account) => setFilter('accountId', account?.id ?? '')}
          />
          <SelectField<UnappliedFilter>
            id="payment-unapplied-filter" label={t('billing.payments.unappliedFilter')} value={filters.unapplied || 'all'} onValueChange={(value) => setFilter('unapplied', value)}
            options={[{ value: 'all', label: t('billing.all') }, { value: 'true', label: t('billing.payments.withUnapplied') }, { value: 'false', label: t('billing.payments.nothingUnapplied') }]}
          />
          <SelectField<MethodFilter>
            id="payment-method-filter" label={t('billing.payments.method')} value={filters.method || 'all'} onValueChange={(value) => setFilter('method', value)}
            options={[{ value: 'all', label: t('billing.all') }, ...PAYMENT_METHODS.map((value) => ({ value, label: t(`billing.methods.${value}`) }))]}
          />
          <TextField
            id="payment-currency-filter" label={t('billing.currency')} value={currencyText} maxLength={3} autoComplete="off" placeholder="EUR"
            onValueChange={(value) => setFilter('currency', value.toUpperCase())} hint={t('billing.invoices.currencyHint')}
          />
          <DateField id="payment-from" label={t('billing.payments.from')} value={filters.from} onValueChange={(value) => setFilter('from', value)} />
          <DateField id="payment-to" label={t('billing.payments.to')} value={filters.to} onValueChange={(value) => setFilter('to', value)} hint={t('billing.payments.toHint')} />
          <TextField
            id="payment-search" type="search" label={t('billing.payments.search')} hint={t('billing.payments.searchHint')} value={searchText}
            onValueChange={setSearchText} autoComplete="off" maxLength={100}
          />
        </div>
        <DataTable
          label={t('billing.payments.listTitle')}
          columns={columns}
          rows={list.rows}
          rowKey={(p) => p.id}
          onOpen={(p) => setSelected(p.id)}
          loading={list.loading}
          problem={list.problem}
          onRetry={list.retry}
          hasMore={list.hasMore}
          onLoadMore={list.loadMore}
          emptyMessage={filtered ? t('billing.payments.emptyFiltered') : t('billing.payments.empty')}
          testId="payment-list"
          maxHeightPx={420}
        />
      </section>
    </>
  );
}
