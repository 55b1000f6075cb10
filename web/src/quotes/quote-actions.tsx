import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { navigate } from '../lib/router.tsx';
import { AcceptanceLinkBox } from './acceptance-link-box.tsx';
import { ApprovalNotes, RuleNotes } from './inline-notes.tsx';
import type { AcceptanceLink, ApprovalRequest, Quote } from './types.ts';
import type { QuoteBuilder } from './use-quote-builder.ts';

const PLACED_METRICS = new Set(['maxLineDiscountBps', 'belowFloor', 'discountBps', 'totalDiscountBps', 'termMonths', 'paymentTermsDays']);

/** Submit for approval, the PDF, send for acceptance (with the customer's link), revise. */
export function QuoteActions({ builder, quote }: { builder: QuoteBuilder; quote: Quote }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const [link, setLink] = useState<AcceptanceLink | null>(null);
  const [showPdf, setShowPdf] = useState(false);
  const path = `/quotes/${encodeURIComponent(quote.id)}`;
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await run();
    } catch (error) {
      setProblem(summarizeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const submit = () => act(async () => {
    const state = await apiRequest<{ quote: Quote; approvalRequests: ApprovalRequest[] }>('POST', `${path}/submit`);
    builder.accept(state.quote);
  });
  const send = () => act(async () => {
    const sent = await apiRequest<Quote & { acceptanceLink: AcceptanceLink }>('POST', `${path}/send`);
    setLink(sent.acceptanceLink);
    builder.accept(sent);
  });
  const reissue = () => act(async () => setLink(await apiRequest<AcceptanceLink>('POST', `${path}/acceptance-link`)));
  const revise = () => act(async () => navigate(`/quotes/${(await apiRequest<Quote>('POST', `${path}/revise`)).id}`));

  const checks = builder.checks;
  const unplaced = (checks?.approvals ?? []).filter((a) => !PLACED_METRICS.has(a.condition.metric ?? ''));
  const blocking = [...(checks?.configuration ?? []).filter((c) => c.lineNumbers.length === 0), ...(checks?.validation ?? [])].map((c) => ({ key: c.ruleId, text: c.message }));
  const canSubmit = (quote.status === 'draft' || quote.status === 'rejected') && quote.lines.length > 0 && builder.pending === 0;
  const pdfUrl = `/api/v1${path}/document.pdf`;
  return (
    <section className="card" aria-labelledby="quote-actions-title">
      <div className="card__header">
        <h2 id="quote-actions-title" className="card__title">{t('quotes.actionsTitle')}</h2>
      </div>
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      <RuleNotes messages={blocking} />
      <ApprovalNotes approvals={unplaced} />
      {(checks?.approvals.length ?? 0) > 0 && quote.status === 'draft' ? <p className="quotes-hint" data-testid="approval-summary">{t('quotes.submitWillAsk', { count: checks?.approvals.length ?? 0 })}</p> : null}
      <ApprovalRequests requests={builder.approvals} />
      <div className="quotes-actions">
        {quote.status === 'draft' || quote.status === 'rejected' ? (
          <button type="button" className="button button--primary" disabled={busy || !canSubmit} onClick={() => void submit()}>{t('quotes.submit')}</button>
        ) : null}
        {quote.status === 'approved' ? <button type="button" className="button button--primary" disabled={busy} onClick={() => void send()}>{t('quotes.send')}</button> : null}
        {quote.status === 'sent' && link === null ? <button type="button" className="button button--secondary" disabled={busy} onClick={() => void reissue()}>{t('quotes.newLink')}</button> : null}
        {['sent', 'rejected', 'expired', 'approved'].includes(quote.status) ? <button type="button" className="button button--secondary" disabled={busy} onClick={() => void revise()}>{t('quotes.revise')}</button> : null}
        <a className="button button--secondary" href={pdfUrl} target="_blank" rel="noopener">{t('quotes.openPdf')}</a>
        <button type="button" className="button button--ghost" aria-expanded={showPdf} onClick={() => setShowPdf((v) => !v)}>{showPdf ? t('quotes.hidePreview') : t('quotes.showPreview')}</button>
      </div>
      {link ? <AcceptanceLinkBox link={link} /> : null}
      {showPdf ? <iframe className="quotes-pdf" title={t('quotes.pdfTitle', { id: quote.id })} src={`${pdfUrl}?v=${quote.version}`} /> : null}
    </section>
  );
}

function ApprovalRequests({ requests }: { requests: readonly ApprovalRequest[] }) {
  const { t } = useTranslation();
  const shown = requests.filter((r) => r.status !== 'cancelled');
  if (shown.length === 0) return null;
  return (
    <ul className="quotes-requests" aria-label={t('quotes.approvalRequests')}>
      {shown.map((r) => (
        <li key={r.id} data-testid="approval-request">
          <span className={`badge ${r.status === 'approved' ? 'badge--success' : r.status === 'rejected' ? 'badge--danger' : 'quotes-badge--warning'}`}>{t(`quotes.requestStatus.${r.status}`)}</span>{' '}
          {t('quotes.requestFor', { level: r.level, approver: r.approverRole ? t(`roles.${r.approverRole}` as 'roles.admin') : t('quotes.namedApprover') })}
          {r.decidedAt ? <span className="muted"> · {formatDateTime(r.decidedAt, intlLocale())}</span> : null}
          {r.comment ? <q className="quotes-requests__comment">{r.comment}</q> : null}
        </li>
      ))}
    </ul>
  );
}
