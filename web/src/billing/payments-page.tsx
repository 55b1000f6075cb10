import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { formatDate } from '../lib/format.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { money, toMinor } from './billing-format.ts';
import { CashApplicationPanel } from './cash-application-panel.tsx';
import { CustomerLink } from './customer-link.tsx';
import { RecordPaymentForm } from './record-payment-form.tsx';
import { StatementImportPanel } from './statement-import-panel.tsx';
import type { PaymentSummary } from './types.ts';
import { useAccountNames } from './use-account-names.ts';

/** /billing/payments: payments received, recording one, and applying unapplied money to open invoices. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useDocumentTitle(t('billing.payments.title'));
  const accountFilter = search.get('accountId');
  const list = usePagedList<PaymentSummary>('/payments', { limit: 100, accountId: accountFilter });
  const nameOf = useAccountNames(list.rows.map((row) => row.accountId));
  const [selected, setSelected] = useState<string | null>(null);
  const locale = intlLocale();
  const appliedOf = (p: PaymentSummary) => p.allocations.reduce((sum, a) => sum + toMinor(a.amount), 0n);
  // The customer gets the room: a payment is told apart by date, reference and amount (its id, which
  // means nothing to a reader, is the reference cell's tooltip and what opening the row selects).
  // Widths fit each heading's longest word in the four languages (headings wrap at spaces).
  const columns: DataTableColumn<PaymentSummary>[] = [
    { key: 'received', header: t('billing.payments.receivedDate'), width: '9.5rem', cell: (p) => formatDate(p.receivedAt, locale) },
    { key: 'customer', header: t('billing.customer'), cell: (p) => <CustomerLink accountId={p.accountId} name={nameOf(p.accountId)} tabIndex={-1} /> },
    { key: 'reference', header: t('billing.payments.referenceColumn'), width: '11rem', cell: (p) => <span className="payment-reference" title={p.id}>{p.reference ?? '—'}</span> },
    { key: 'method', header: t('billing.payments.method'), width: '9.5rem', cell: (p) => t(`billing.methods.${p.method}`) },
    { key: 'amount', header: t('billing.payments.amount'), width: '8.5rem', align: 'end', cell: (p) => money(p.amount) },
    { key: 'applied', header: t('billing.payments.applied'), width: '9rem', align: 'end', cell: (p) => money({ amountMinor: appliedOf(p).toString(), currency: p.amount.currency }) },
    { key: 'status', header: t('billing.invoices.status'), width: '9rem', cell: (p) => t(`billing.paymentStatus.${p.status}`) },
  ];
  return (
    <>
      <PageHeader title={t('billing.payments.title')} description={t('billing.payments.description')} />
      <RecordPaymentForm
        initialAccountId={accountFilter ?? ''} initialCurrency={search.get('currency') ?? ''}
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
          emptyMessage={t('billing.payments.empty')}
          testId="payment-list"
          maxHeightPx={420}
        />
      </section>
    </>
  );
}
