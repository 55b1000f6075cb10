import { AgingPage } from './aging-page.tsx';
import { BillingNav, BILLING_TABS, type BillingTab } from './billing-nav.tsx';
import { CollectionsPage } from './collections-page.tsx';
import { CommissionsPage } from './commissions-page.tsx';
import { CreditNoteDetailPage } from './credit-note-detail-page.tsx';
import { CreditNoteListPage } from './credit-note-list-page.tsx';
import { InvoiceDetailPage } from './invoice-detail-page.tsx';
import { InvoiceListPage } from './invoice-list-page.tsx';
import { LedgerSection } from './ledger-section.tsx';
import { PaymentsPage } from './payments-page.tsx';
import { SubscriptionDetailPage } from './subscription-detail-page.tsx';
import { SubscriptionListPage } from './subscription-list-page.tsx';
import './billing.css';

/**
 * Entry of the billing section: /billing/{invoices,credit-notes,payments,collections,aging,subscriptions,commissions}[/<id>],
 * /billing/ledger[/entries[/<id>]].
 */
export function BillingSection({ pathname }: { pathname: string }) {
  const [first = '', second, third] = pathname.replace(/^\/billing\/?/, '').split('/');
  const tab: BillingTab = (BILLING_TABS as readonly string[]).includes(first) ? (first as BillingTab) : 'invoices';
  const id = second === undefined || second === '' ? null : decodeURIComponent(second);
  return (
    <>
      <BillingNav current={tab} />
      {tab === 'ledger' ? <LedgerSection sub={second ?? ''} id={third === undefined || third === '' ? null : decodeURIComponent(third)} /> : page(tab, id)}
    </>
  );
}

function page(tab: Exclude<BillingTab, 'ledger'>, id: string | null) {
  switch (tab) {
    case 'invoices':
      return id === null ? <InvoiceListPage /> : <InvoiceDetailPage key={id} invoiceId={id} />;
    case 'credit-notes':
      return id === null ? <CreditNoteListPage /> : <CreditNoteDetailPage key={id} creditNoteId={id} />;
    case 'payments':
      return <PaymentsPage />;
    case 'collections':
      return <CollectionsPage />;
    case 'aging':
      return <AgingPage />;
    case 'subscriptions':
      return id === null ? <SubscriptionListPage /> : <SubscriptionDetailPage key={id} subscriptionId={id} />;
    case 'commissions':
      return <CommissionsPage />;
  }
}
