import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { LogoMark } from '../components/icons.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { changeLanguage } from '../i18n/i18n.ts';
import { apiRequest, ApiError, type Problem } from '../lib/api.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { AcceptForm } from './accept-form.tsx';
import { formatPlainDate, PublicQuoteView, QUOTE_LOCALES } from './public-quote-view.tsx';
import type { PublicQuote } from './types.ts';
import './quotes.css';

/** The customer's public acceptance page (/accept/<token>): no sign-in, in the quote's language. */
export function AcceptancePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<PublicQuote | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [justAccepted, setJustAccepted] = useState(false);
  useDocumentTitle(t('quotes.accept.documentTitle'));

  const load = useCallback(() => {
    apiRequest<PublicQuote>('GET', `/public/quotes/${encodeURIComponent(token)}`).then(
      (view) => {
        setProblem(null);
        setData(view);
        // The page speaks the quote's language, like its PDF; the visitor's own choice is not stored.
        void changeLanguage(view.quote.language, { remember: false });
      },
      (error: unknown) => setProblem(error instanceof ApiError ? error.problem : { title: t('errors.unexpectedTitle'), status: 0 }),
    );
  }, [token, t]);
  useEffect(load, [load]);

  return (
    <div className="quotes-public">
      <header className="quotes-public__header">
        <LogoMark />
        <span>{t('app.name')}</span>
      </header>
      <main id="main" className="quotes-public__main">
        {data === null && problem === null ? <PageLoading label={t('app.loading')} /> : null}
        {data === null && problem !== null ? <InvalidLink problem={problem} onRetry={load} /> : null}
        {data !== null ? (
          <>
            <h1 className="page__title" id="page-title">{t('quotes.accept.title', { id: data.quote.id, version: data.quote.versionNumber })}</h1>
            <p className="page__lead">{t('quotes.accept.lead', { customer: data.quote.customer })}</p>
            <StateBanner data={data} justAccepted={justAccepted} />
            <p>
              <a className="button button--secondary" href={data.document.path} target="_blank" rel="noopener">{t('quotes.accept.pdfLink')}</a>
            </p>
            <PublicQuoteView data={data} />
            {data.acceptable ? (
              <AcceptForm token={token} documentSha256={data.document.sha256} onAccepted={() => { setJustAccepted(true); load(); }} onRefused={(error) => {
                // A refusal that changes the state (accepted elsewhere, replaced, expired): show it.
                if (error instanceof ApiError && (error.problem.status === 409 || error.problem.status === 422)) load();
              }} />
            ) : null}
          </>
        ) : null}
      </main>
    </div>
  );
}

function InvalidLink({ problem, onRetry }: { problem: Problem; onRetry(): void }) {
  const { t } = useTranslation();
  const invalid = problem.code === 'quote_link_invalid';
  return (
    <>
      <h1 className="page__title" id="page-title">{invalid ? t('quotes.accept.invalidTitle') : t('errors.unexpectedTitle')}</h1>
      <Banner tone="error" title={problem.title} detail={problem.detail}>
        {invalid ? null : <button type="button" className="button button--secondary" onClick={onRetry}>{t('errors.retry')}</button>}
      </Banner>
    </>
  );
}

function StateBanner({ data, justAccepted }: { data: PublicQuote; justAccepted: boolean }) {
  const { t } = useTranslation();
  const locale = QUOTE_LOCALES[data.quote.language];
  if (data.acceptance) {
    const when = formatPlainDate(data.acceptance.acceptedAt.slice(0, 10), locale);
    return (
      <div data-testid="accept-state" data-state="accepted">
        <Banner tone="success" title={justAccepted ? t('quotes.accept.thanks') : t('quotes.accept.alreadyAccepted')} detail={t('quotes.accept.acceptedBy', { name: data.acceptance.signerName, date: when })} />
      </div>
    );
  }
  if (data.acceptable) return null;
  const state = data.quote.status === 'superseded' ? 'superseded' : data.quote.status === 'expired' ? 'expired' : 'unavailable';
  return (
    <div data-testid="accept-state" data-state={state}>
      <Banner tone="error" title={t(`quotes.accept.${state}Title`)} detail={t(`quotes.accept.${state}Detail`)} />
    </div>
  );
}
