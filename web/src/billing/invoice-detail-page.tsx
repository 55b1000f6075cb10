import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money, period } from './billing-format.ts';
import { CustomerLink } from './customer-link.tsx';
import { InvoiceLines } from './invoice-lines.tsx';
import { InvoiceSettlements } from './invoice-settlements.tsx';
import { InvoiceStatusBadge } from './status-badge.tsx';
import type { BilledInvoice, CreditNote, Settlement } from './types.ts';
import { useAccountNames } from './use-account-names.ts';
import { useResource } from './use-resource.ts';
import { VoidInvoiceDialog } from './void-invoice-dialog.tsx';

const PDF_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;

/** /billing/invoices/<id>: an invoice as billed. Issued invoices are immutable: issue a draft, or void with a credit note. */
export function InvoiceDetailPage({ invoiceId }: { invoiceId: string }) {
  const { t, i18n } = useTranslation();
  const path = `/invoices/${encodeURIComponent(invoiceId)}`;
  const invoice = useResource<BilledInvoice>(`${path}/billing`);
  const settled = useResource<{ data: Settlement[]; creditNotes: CreditNote[] }>(`${path}/settlements`);
  const [voiding, setVoiding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<{ title: string; detail: string | null } | null>(null);
  const [pdfLanguage, setPdfLanguage] = useState<string>(PDF_LANGUAGES.find((code) => i18n.language.startsWith(code)) ?? 'en');
  const data = invoice.data;
  const nameOf = useAccountNames(data ? [data.accountId] : []);
  // The subscription by what it subscribes to (its plan label), its id only until that is read.
  const subscription = useResource<{ planLabel: string | null }>(data?.subscriptionId ? `/subscriptions/${encodeURIComponent(data.subscriptionId)}` : null);
  const title = data ? (data.number ?? t('billing.invoices.draftTitle')) : t('billing.invoices.detailTitle');
  useDocumentTitle(title);
  if (invoice.problem) return <Banner tone="error" title={invoice.problem.title} detail={invoice.problem.detail} />;
  if (!data) return <PageLoading label={t('app.loading')} />;
  const reload = () => {
    invoice.reload();
    settled.reload();
  };
  const issue = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await apiRequest('POST', `${path}/issue`);
      reload();
    } catch (error) {
      setActionError(toFormProblem(error, [], t).banner);
    } finally {
      setBusy(false);
    }
  };
  const canVoid = data.status === 'issued' && BigInt(data.amountPaid.amountMinor) === 0n;
  return (
    <>
      <PageHeader title={title} description={t('billing.invoices.immutableNote')} />
      {actionError ? <Banner tone="error" title={actionError.title} detail={actionError.detail} /> : null}
      <div className="billing-actions">
        <InvoiceStatusBadge status={data.status} />
        <label className="billing-inline-label" htmlFor="invoice-pdf-language">{t('billing.invoices.pdfLanguage')}</label>
        <select id="invoice-pdf-language" className="input select billing-compact" value={pdfLanguage} onChange={(event) => setPdfLanguage(event.target.value)}>
          {PDF_LANGUAGES.map((code) => <option key={code} value={code}>{t(`billing.languages.${code}`)}</option>)}
        </select>
        <a className="button button--secondary" href={`/api/v1${path}/document.pdf?language=${pdfLanguage}`} target="_blank" rel="noreferrer" data-testid="invoice-pdf">
          {t('billing.invoices.pdf')}
        </a>
        {data.status === 'draft' ? <button type="button" className="button button--primary" disabled={busy} onClick={() => void issue()}>{t('billing.invoices.issue')}</button> : null}
        {data.status === 'issued' ? (
          <Link className="button button--secondary" to={`/billing/payments?accountId=${encodeURIComponent(data.accountId)}&currency=${data.currency}`}>{t('billing.payments.record')}</Link>
        ) : null}
        {canVoid ? <button type="button" className="button button--danger-ghost" onClick={() => setVoiding(true)}>{t('billing.invoices.void')}</button> : null}
      </div>
      <section className="card" aria-labelledby="invoice-facts-title">
        <h2 id="invoice-facts-title" className="card__title">{t('billing.invoices.facts')}</h2>
        <dl className="billing-facts">
          <dt>{t('billing.customer')}</dt><dd><CustomerLink accountId={data.accountId} name={nameOf(data.accountId)} /></dd>
          <dt>{t('billing.invoices.issueDate')}</dt><dd>{day(data.issueDate)}</dd>
          <dt>{t('billing.invoices.dueDate')}</dt><dd>{day(data.dueDate)}</dd>
          <dt>{t('billing.invoices.servicePeriod')}</dt><dd>{period(data.periodStartDate, data.periodEndDate)}</dd>
          {data.subscriptionId ? <><dt>{t('billing.subscriptions.one')}</dt><dd><Link to={`/billing/subscriptions/${encodeURIComponent(data.subscriptionId)}`} title={data.subscriptionId}>{subscription.data?.planLabel ?? data.subscriptionId}</Link></dd></> : null}
          <dt>{t('billing.invoices.total')}</dt><dd>{money(data.total)}</dd>
          {/* A draft is not yet owed: paid and open amounts start when it is issued. */}
          {data.status === 'draft' ? null : <>
            <dt>{t('billing.invoices.paid')}</dt><dd>{money(data.amountPaid)}</dd>
            <dt>{t('billing.invoices.open')}</dt><dd data-testid="invoice-amount-due">{money(data.amountDue)}</dd>
          </>}
        </dl>
      </section>
      <InvoiceLines invoice={data} />
      <InvoiceSettlements settlements={settled.data?.data ?? []} creditNotes={settled.data?.creditNotes ?? []} />
      <RecordHistory entityType="invoice" entityId={data.id} />
      <VoidInvoiceDialog open={voiding} invoiceId={invoiceId} onClose={() => setVoiding(false)} onVoided={() => { setVoiding(false); reload(); }} />
    </>
  );
}
