import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { Banner } from '../components/banner.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import type { InboxItem } from './types.ts';
import { money } from './use-money.ts';

type DecisionPanelProps = { item: InboxItem; onClose(): void; onDecided(message: string): void };

/**
 * Approve or reject one request with a comment. The quote's owner gets no buttons (segregation of
 * duties); the server refuses anyway, and its refusal is shown here with the comment kept.
 */
export function DecisionPanel({ item, onClose, onDecided }: DecisionPanelProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const own = item.quote.ownerUserId === user.id;
  const decide = async (verb: 'approve' | 'reject') => {
    setBusy(true);
    setProblem(null);
    try {
      const body = comment.trim() === '' ? {} : { comment: comment.trim() };
      await apiRequest('POST', `/quotes/${encodeURIComponent(item.quoteId)}/approvals/${encodeURIComponent(item.id)}/${verb}`, body);
      onDecided(t(verb === 'approve' ? 'quotes.approvedMessage' : 'quotes.rejectedMessage', { id: item.quote.id }));
    } catch (error) {
      setProblem(summarizeError(error, t));
      setBusy(false);
    }
  };
  return (
    <section className="card quotes-decision" aria-labelledby="decision-title" data-testid="decision-panel">
      <div className="card__header">
        <h2 id="decision-title" ref={heading} tabIndex={-1} className="card__title">{t('quotes.decisionTitle', { rule: item.ruleName })}</h2>
        <p className="card__subtitle">
          <Link to={`/quotes/${item.quote.id}`}>{t('quotes.openQuote', { id: item.quote.id })}</Link> · {money(item.quote.tcv)}
        </p>
      </div>
      <p>{t('quotes.decisionValue', { metric: String(item.snapshot.condition['metric'] ?? ''), actual: String(item.snapshot.actual), op: String(item.snapshot.condition['op'] ?? ''), value: String(item.snapshot.condition['value'] ?? '') })}</p>
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      <div className="field">
        <label className="field__label" htmlFor="decision-comment">{t('quotes.comment')}</label>
        <textarea id="decision-comment" className="input quotes-textarea" rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <div className="quotes-actions">
        {own ? <p className="muted">{t('quotes.ownQuoteNote')}</p> : (
          <>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void decide('approve')}>{t('quotes.approve')}</button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void decide('reject')}>{t('quotes.reject')}</button>
          </>
        )}
        <button type="button" className="button button--ghost" onClick={onClose}>{t('common.close')}</button>
      </div>
    </section>
  );
}
