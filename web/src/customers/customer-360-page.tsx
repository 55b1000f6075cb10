import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { apiRequest, ApiError } from '../lib/api.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { canUseSection, type Role } from '../lib/sections.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { NotFoundPage } from '../shell/status-pages.tsx';
import { AccountDialog, ACCOUNT_WRITE_ROLES } from './account-form.tsx';
import { ActivityDialog, NoteDialog, PaymentDialog, PromiseDialog, type Notice } from './customer-actions.tsx';
import { ContactsCard, FinanceCard, HierarchyCard, MarketingCard, SalesCard, SuccessCard } from './customer-360-cards.tsx';
import { CustomerHeader } from './customer-header.tsx';
import { CustomerTimeline } from './customer-timeline.tsx';
import { HoldDialog } from './hold-dialog.tsx';
import type { Customer360 } from './customer-types.ts';

// The roles each write route accepts (payments/collections: admin, finance; activities: crm
// writers and success; quotes: sales and revops). Buttons for the rest would only end in a 403.
const PAYMENT_ROLES: readonly Role[] = ['admin', 'finance'];
const ACTIVITY_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'success'];
const QUOTE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];

type Action = 'payment' | 'promise' | 'note' | 'activity' | 'hold' | 'details' | null;

export function Customer360Page({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [data, setData] = useState<Customer360 | null>(null);
  const [problem, setProblem] = useState<(ErrorSummary & { status: number }) | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [timelineVersion, setTimelineVersion] = useState(0);
  useDocumentTitle(data?.account.name ?? t('customers.title'));

  const load = useCallback(async () => {
    try {
      const result = await apiRequest<Customer360>('GET', `/accounts/${encodeURIComponent(accountId)}/360?timelineLimit=1`);
      setData(result);
      setProblem(null);
    } catch (error) {
      setProblem({ ...summarizeError(error, t), status: error instanceof ApiError ? error.problem.status : 0 });
    }
  }, [accountId, t]);

  useEffect(() => {
    setData(null);
    setProblem(null);
    void load();
  }, [load]);

  const done = (message: Notice) => {
    setAction(null);
    setNotice(message);
    setTimelineVersion((version) => version + 1);
    void load();
  };

  if (problem?.status === 404) return <NotFoundPage />;
  if (problem !== null && data === null) {
    return (
      <Banner tone="error" title={problem.title} detail={problem.detail}>
        <button type="button" className="button button--secondary" onClick={() => void load()}>{t('errors.retry')}</button>
      </Banner>
    );
  }
  if (data === null) return <PageLoading label={t('app.loading')} />;

  const canPay = PAYMENT_ROLES.includes(user.role) && data.finance !== null;
  return (
    <div className="customer360">
      <p className="customer360__back">
        <Link to="/customers">{t('customers.backToList')}</Link>
      </p>
      <CustomerHeader data={data} />
      <div className="customer360__actions" role="group" aria-label={t('customers.actionsLabel')}>
        {canPay ? (
          <>
            <button type="button" className="button button--primary" onClick={() => setAction('payment')}>{t('customers.recordPayment')}</button>
            <button type="button" className="button button--secondary" onClick={() => setAction('promise')}>{t('customers.addPromise')}</button>
            <button type="button" className="button button--secondary" onClick={() => setAction('note')}>{t('customers.addNote')}</button>
            <button type="button" className="button button--secondary" onClick={() => setAction('hold')}>
              {t(data.finance?.collections.onHold ? 'customers.releaseHold' : 'customers.putOnHold')}
            </button>
          </>
        ) : null}
        {ACTIVITY_ROLES.includes(user.role) ? (
          <button type="button" className="button button--secondary" onClick={() => setAction('activity')}>{t('customers.logActivity')}</button>
        ) : null}
        {ACCOUNT_WRITE_ROLES.includes(user.role) ? (
          <button type="button" className="button button--secondary" onClick={() => setAction('details')}>{t('customers.editDetails')}</button>
        ) : null}
        {QUOTE_ROLES.includes(user.role) ? (
          <Link className="button button--secondary" to={`/quotes/new?accountId=${encodeURIComponent(accountId)}`}>{t('customers.createQuote')}</Link>
        ) : null}
      </div>
      {notice ? <Banner tone="success" title={t(notice.key, notice.values)} /> : null}
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      <div className="customer360__grid">
        <div className="customer360__main">
          {data.finance ? (
            <FinanceCard
              finance={data.finance}
              creditNotesHref={canUseSection(user.role, 'billing') ? `/billing/credit-notes?accountId=${encodeURIComponent(accountId)}` : null}
            />
          ) : null}
          <SalesCard sales={data.sales} />
          <SuccessCard success={data.success} />
          <MarketingCard marketing={data.marketing} />
        </div>
        <div className="customer360__side">
          <CustomerTimeline accountId={accountId} version={timelineVersion} />
          <ContactsCard contacts={data.contacts} />
          <HierarchyCard account={data.account} />
        </div>
      </div>
      <RecordHistory entityType="account" entityId={accountId} />
      <PaymentDialog open={action === 'payment'} data={data} onClose={() => setAction(null)} onDone={done} />
      <PromiseDialog open={action === 'promise'} data={data} onClose={() => setAction(null)} onDone={done} />
      <NoteDialog open={action === 'note'} data={data} onClose={() => setAction(null)} onDone={done} />
      <ActivityDialog open={action === 'activity'} data={data} onClose={() => setAction(null)} onDone={done} />
      <HoldDialog open={action === 'hold'} data={data} onClose={() => setAction(null)} onDone={done} />
      <AccountDialog mode="edit" accountId={accountId} open={action === 'details'} onClose={() => setAction(null)} onSaved={() => done({ key: 'customers.detailsSaved' })} />
    </div>
  );
}
