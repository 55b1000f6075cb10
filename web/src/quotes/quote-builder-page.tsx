import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { RecordHistory } from '../data/audit-trail.tsx';
import { apiRequest } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { LinesCard } from './lines-card.tsx';
import { QuoteActions } from './quote-actions.tsx';
import { QuoteStatusBadge } from './status-badge.tsx';
import { TermsCard } from './terms-card.tsx';
import { TotalsCard } from './totals-card.tsx';
import { EDITABLE_STATUSES, type Opportunity } from './types.ts';
import { useQuoteBuilder } from './use-quote-builder.ts';

/** /quotes/<id>: the quote builder. Every change is saved as typed; totals are the server's answer. */
export function QuoteBuilderPage({ quoteId }: { quoteId: string }) {
  const { t } = useTranslation();
  const builder = useQuoteBuilder(quoteId);
  const { quote } = builder;
  const [opportunity, setOpportunity] = useState<Opportunity | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<number, Record<string, string>>>({});
  // Named by its deal once known ("Quote Globex Platform · v2"), by its id until then.
  const name = quote ? (opportunity ? t('quotes.listQuoteName', { opportunity: opportunity.name, version: quote.versionNumber }) : `${quote.id} · v${quote.versionNumber}`) : quoteId;
  useDocumentTitle(t('quotes.builderTitle', { id: name }));
  const opportunityId = quote?.opportunityId;
  useEffect(() => {
    if (!opportunityId) return;
    apiRequest<Opportunity>('GET', `/opportunities/${encodeURIComponent(opportunityId)}`).then(setOpportunity, () => setOpportunity(null));
  }, [opportunityId]);

  if (builder.loadProblem) {
    return (
      <>
        <PageHeader title={t('quotes.builderTitle', { id: quoteId })} />
        <Banner tone="error" title={builder.loadProblem.title} detail={builder.loadProblem.detail}>
          <button type="button" className="button button--secondary" onClick={builder.reload}>{t('errors.retry')}</button>
        </Banner>
      </>
    );
  }
  if (!quote) return <PageLoading label={t('app.loading')} />;
  const editable = EDITABLE_STATUSES.includes(quote.status);
  return (
    <>
      <PageHeader title={t('quotes.builderTitle', { id: name })} />
      <div className="quotes-summary">
        <QuoteStatusBadge status={quote.status} />
        <span>{t('quotes.forOpportunity')} <Link to={`/pipeline/opportunities/${quote.opportunityId}`}>{opportunity?.name ?? quote.opportunityId}</Link></span>
        <Link to={`/customers/${quote.accountId}`}>{t('quotes.customerLink')}</Link>
        <span className="muted">{t('quotes.currencyIs', { currency: quote.currency })}</span>
        {quote.expired ? <span className="badge badge--danger">{t('quotes.expiredBadge')}</span> : null}
      </div>
      {!editable ? <Banner tone="info" title={t('quotes.readOnly', { status: t(`quotes.status.${quote.status}`) })} /> : null}
      <div className="quotes-builder">
        <div className="quotes-builder__main">
          <TermsCard builder={builder} quote={quote} editable={editable} onLineErrors={setLineErrors} />
          <LinesCard builder={builder} quote={quote} editable={editable} outsideErrors={lineErrors} />
        </div>
        <div className="quotes-builder__side">
          <TotalsCard quote={quote} updating={builder.pending > 0} />
          <QuoteActions builder={builder} quote={quote} />
        </div>
      </div>
      <RecordHistory entityType="quote" entityId={quote.id} />
    </>
  );
}
