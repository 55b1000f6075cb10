import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money, toMinor } from './billing-format.ts';
import { CreditNoteSettlementsCard } from './credit-note-settlements.tsx';
import { creditNoteReasonText } from './credit-note-view.ts';
import { CustomerLink } from './customer-link.tsx';
import { InvoiceLines, type LinesDocument } from './invoice-lines.tsx';
import type { CreditNoteDetail, CreditNoteSettlements } from './types.ts';
import { useResource } from './use-resource.ts';

const PDF_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;

/** /billing/credit-notes/<id>: a credit note as issued (immutable), what became of its credit, and its PDF. */
export function CreditNoteDetailPage({ creditNoteId }: { creditNoteId: string }) {
  const { t, i18n } = useTranslation();
  const path = `/credit-notes/${encodeURIComponent(creditNoteId)}`;
  const note = useResource<CreditNoteDetail>(path);
  const settled = useResource<CreditNoteSettlements>(`${path}/settlements`);
  const [pdfLanguage, setPdfLanguage] = useState<string>(PDF_LANGUAGES.find((code) => i18n.language.startsWith(code)) ?? 'en');
  const data = note.data;
  useDocumentTitle(data?.number ?? t('billing.creditNotes.detailTitle'));
  if (note.problem) return <Banner tone="error" title={note.problem.title} detail={note.problem.detail} />;
  if (!data) return <PageLoading label={t('app.loading')} />;
  const amounts = settled.data?.creditNote ?? null;
  // The customer as the credit note was issued to it; the list's name (the account's today) for older ones.
  const customerName = data.customerAtIssue?.name ?? amounts?.accountName ?? '…';
  return (
    <>
      <PageHeader title={data.number} description={t('billing.creditNotes.immutableNote')} />
      <div className="billing-actions">
        <span className="badge billing-badge--info" data-testid="credit-note-kind">{t(`billing.creditNotes.kinds.${data.kind}`)}</span>
        <label className="billing-inline-label" htmlFor="credit-note-pdf-language">{t('billing.invoices.pdfLanguage')}</label>
        <select id="credit-note-pdf-language" className="input select billing-compact" value={pdfLanguage} onChange={(event) => setPdfLanguage(event.target.value)}>
          {PDF_LANGUAGES.map((code) => <option key={code} value={code}>{t(`billing.languages.${code}`)}</option>)}
        </select>
        <a className="button button--secondary" href={`/api/v1${path}/document.pdf?language=${pdfLanguage}`} target="_blank" rel="noreferrer" data-testid="credit-note-pdf">
          {t('billing.invoices.pdf')}
        </a>
      </div>
      <section className="card" aria-labelledby="credit-note-facts-title">
        <h2 id="credit-note-facts-title" className="card__title">{t('billing.creditNotes.facts')}</h2>
        <dl className="billing-facts">
          <dt>{t('billing.customer')}</dt><dd><CustomerLink accountId={data.accountId} name={customerName} /></dd>
          <dt>{t('billing.creditNotes.invoice')}</dt>
          <dd>
            {data.invoiceId === null ? <span className="muted">{t('billing.creditNotes.noInvoice')}</span>
              : <Link to={`/billing/invoices/${encodeURIComponent(data.invoiceId)}`} data-testid="credit-note-invoice">{data.invoiceNumber ?? data.invoiceId}</Link>}
          </dd>
          <dt>{t('billing.creditNotes.issueDate')}</dt><dd>{day(data.issueDate)}</dd>
          <dt>{t('billing.creditNotes.reason')}</dt><dd data-testid="credit-note-reason">{creditNoteReasonText(data.reasonParts, t, (date) => day(date))}</dd>
          <dt>{t('billing.creditNotes.total')}</dt><dd>{money(data.total)}</dd>
          {amounts ? <>
            <dt>{t('billing.creditNotes.applied')}</dt><dd>{money(amounts.applied)}</dd>
            <dt>{t('billing.creditNotes.refunded')}</dt><dd>{money(amounts.refunded)}</dd>
            <dt>{t('billing.creditNotes.remaining')}</dt><dd data-testid="credit-note-open-credit">{money(amounts.remaining)}</dd>
          </> : null}
        </dl>
      </section>
      <InvoiceLines invoice={asLinesDocument(data)} footnote={t('billing.creditNotes.linesNote')} />
      {settled.problem ? <Banner tone="error" title={settled.problem.title} detail={settled.problem.detail} /> : null}
      {settled.data ? <CreditNoteSettlementsCard note={data} settlements={settled.data} /> : null}
      <RecordHistory entityType="credit_note" entityId={data.id} />
    </>
  );
}

/** The credit note in the lines table's shape: as its PDF prints it, on the invoice's scale (subtotal and total negative). */
function asLinesDocument(note: CreditNoteDetail): LinesDocument {
  const totalMinor = toMinor(note.subtotal) + toMinor(note.tax);
  return { lines: note.lines, currency: note.currency, subtotal: note.subtotal, total: { amountMinor: totalMinor.toString(), currency: note.currency }, taxTreatment: note.taxTreatment };
}
