import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money, period } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';
import type { DealLinks, SubscriptionDetail } from './types.ts';
import { useAccountNames } from './use-account-names.ts';
import { useResource } from './use-resource.ts';

/** /billing/subscriptions/<id>: the subscription, every item version, and its deal links (quotes, orders, invoices). */
export function SubscriptionDetailPage({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const path = `/subscriptions/${encodeURIComponent(subscriptionId)}`;
  const subscription = useResource<SubscriptionDetail>(path);
  const links = useResource<DealLinks>(`${path}/links`);
  const s = subscription.data;
  const nameOf = useAccountNames(s ? [s.accountId] : []);
  useDocumentTitle(s?.planLabel ?? subscriptionId);
  if (subscription.problem) return <Banner tone="error" title={subscription.problem.title} detail={subscription.problem.detail} />;
  if (!s) return <PageLoading label={t('app.loading')} />;
  return (
    <>
      <PageHeader title={s.planLabel ?? s.id} description={t('billing.subscriptions.detailDescription')} />
      <section className="card" aria-labelledby="subscription-facts-title">
        <h2 id="subscription-facts-title" className="card__title">{t('billing.invoices.facts')}</h2>
        <dl className="billing-facts">
          <dt>{t('billing.customer')}</dt><dd><CustomerLink accountId={s.accountId} name={nameOf(s.accountId)} /></dd>
          <dt>{t('billing.invoices.status')}</dt><dd>{t(`billing.subscriptionStatus.${s.status}`, { defaultValue: s.status })}</dd>
          <dt>{t('billing.subscriptions.term')}</dt><dd>{s.endDate ? period(s.startDate, s.endDate) : `${day(s.startDate)} –`}</dd>
          <dt>{t('billing.subscriptions.billingMode')}</dt><dd>{t(`billing.subscriptions.modes.${s.billingMode}`, { defaultValue: s.billingMode })}</dd>
          <dt>{t('billing.currency')}</dt><dd>{s.currency}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="subscription-items-title">
        <h2 id="subscription-items-title" className="card__title">{t('billing.subscriptions.items')}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead><tr>
              <th scope="col">{t('billing.subscriptions.item')}</th><th scope="col" className="billing-num">{t('billing.invoices.quantity')}</th>
              <th scope="col" className="billing-num">{t('billing.invoices.unitPrice')}</th><th scope="col">{t('billing.subscriptions.interval')}</th>
              <th scope="col">{t('billing.subscriptions.effective')}</th>
            </tr></thead>
            <tbody>
              {s.itemVersions.map((v) => (
                <tr key={v.id}>
                  <th scope="row" className="table__primary">{v.description ?? v.itemKey}<span className="billing-note">{v.itemKey}</span></th>
                  <td className="billing-num">{String(v.quantity)}</td>
                  <td className="billing-num">{money(v.unitPrice)}</td>
                  <td>{v.billingIntervalMonths === null ? t('billing.subscriptions.oneTime') : t('billing.subscriptions.months', { count: v.billingIntervalMonths })}</td>
                  <td className="table__nowrap">{v.effectiveToDate ? period(v.effectiveFromDate, v.effectiveToDate) : `${day(v.effectiveFromDate)} –`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="subscription-links-title">
        <h2 id="subscription-links-title" className="card__title">{t('billing.subscriptions.links')}</h2>
        {links.data ? (
          <ul className="billing-list">
            {links.data.quotes.map((q) => <li key={q.id}><Link to={`/quotes/${encodeURIComponent(q.id)}`}>{t('billing.subscriptions.quote', { name: q.opportunityName ?? q.id, version: q.versionNumber })}</Link></li>)}
            {links.data.orders.map((o) => <li key={o.id}>{t('billing.subscriptions.order', { number: o.orderNumber, date: day(o.startDate) })}</li>)}
            {links.data.invoices.map((i) => <li key={i.id}><Link to={`/billing/invoices/${encodeURIComponent(i.id)}`}>{i.number ?? t('billing.invoices.draftTitle')}</Link> · {money(i.total)}</li>)}
          </ul>
        ) : <p className="muted">{links.problem ? links.problem.title : t('app.loading')}</p>}
      </section>
      <RecordHistory entityType="subscription" entityId={s.id} />
    </>
  );
}
