import { nextDay } from './ledger-view.ts';
import { PAYMENT_METHODS, type PaymentMethod } from './types.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';

// View-model of the payments list: the URL's filters and the API query they make, pure so they are
// tested without a browser.

/**
 * The list's filters as held in the URL; `to` is inclusive, as people read a range. `accountId` is the
 * key the Customer 360 and the ledger link with; `currency` also preselects the record form's currency.
 */
export type PaymentFilters = {
  accountId: string; unapplied: 'true' | 'false' | ''; method: PaymentMethod | ''; currency: string; q: string; from: string; to: string;
};
export type PaymentFilterKey = keyof PaymentFilters;

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link) instead of failing the list. */
export function parsePaymentFilters(search: URLSearchParams): PaymentFilters {
  const value = (key: PaymentFilterKey) => (search.get(key) ?? '').trim();
  const date = (key: PaymentFilterKey) => (isCalendarDate(value(key)) ? value(key) : '');
  const unapplied = value('unapplied');
  const method = value('method');
  const from = date('from');
  const to = date('to');
  return {
    accountId: /^.{1,100}$/.test(value('accountId')) ? value('accountId') : '',
    unapplied: unapplied === 'true' || unapplied === 'false' ? unapplied : '',
    method: (PAYMENT_METHODS as readonly string[]).includes(method) ? (method as PaymentMethod) : '',
    currency: /^[A-Z]{3}$/.test(value('currency')) ? value('currency') : '',
    q: value('q').slice(0, 100),
    from,
    // A "to" before "from" is an empty range the API refuses: the list shows "from" on.
    to: from !== '' && to !== '' && to < from ? '' : to,
  };
}

/** The API query for the filters: its receivedDateBefore is exclusive (a half-open range), so the day after `to`. */
export function paymentListQuery(filters: PaymentFilters): Record<string, string | null> {
  return {
    accountId: filters.accountId || null,
    unapplied: filters.unapplied || null,
    method: filters.method || null,
    currency: filters.currency || null,
    search: filters.q || null,
    receivedDateFrom: filters.from || null,
    receivedDateBefore: filters.to ? nextDay(filters.to) : null,
  };
}
