import type { Subscriber } from '../shared/events/index.ts';
import { isCurrencyCode } from '../shared/money.ts';
import { applyCreditNotes } from './apply-credit-notes.ts';
import { applyCustomerCredit } from './customer-credit.ts';

/**
 * When an invoice or a credit note is issued, settle what can be settled for that account and
 * currency: credit notes first (oldest first), then customer credit from overpayments. Runs once
 * per event (processed_events), in the delivery's transaction.
 */
export const applyCreditsOnIssueSubscriber: Subscriber = {
  name: 'payments.apply-credits-on-issue',
  eventTypes: ['invoice.issued', 'credit_note.issued'],
  async handle(ctx, event) {
    const payload = (event.payload ?? {}) as { accountId?: unknown; currency?: unknown; issueDate?: unknown };
    if (typeof payload.accountId !== 'string' || typeof payload.currency !== 'string' || !isCurrencyCode(payload.currency)) return;
    const date = typeof payload.issueDate === 'string' ? payload.issueDate : undefined;
    const target = { accountId: payload.accountId, currency: payload.currency, ...(date ? { date } : {}) };
    await applyCreditNotes(ctx, target);
    await applyCustomerCredit(ctx, target);
  },
};

export const paymentSubscribers: readonly Subscriber[] = [applyCreditsOnIssueSubscriber];
