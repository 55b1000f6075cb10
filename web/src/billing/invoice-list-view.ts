import { nextDay } from './ledger-view.ts';
import { INVOICE_STATUSES, type InvoiceStatus } from './types.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';

// View-model of the invoice list: the URL's filters and the API query they make, pure so they are
// tested without a browser.

/** The list's filters as held in the URL; `to` is inclusive, as people read a range. */
export type InvoiceFilters = { status: InvoiceStatus | ''; overdue: 'true' | 'false' | ''; currency: string; q: string; from: string; to: string };

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link) instead of failing the list. */
export function parseInvoiceFilters(search: URLSearchParams): InvoiceFilters {
  const value = (key: string) => (search.get(key) ?? '').trim();
  const date = (key: string) => (isCalendarDate(value(key)) ? value(key) : '');
  const status = value('status');
  const overdue = value('overdue');
  const from = date('from');
  const to = date('to');
  return {
    status: (INVOICE_STATUSES as readonly string[]).includes(status) ? (status as InvoiceStatus) : '',
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    currency: /^[A-Z]{3}$/.test(value('currency')) ? value('currency') : '',
    q: value('q').slice(0, 100),
    from,
    // A "to" before "from" is an empty range the API refuses: the list shows "from" on.
    to: from !== '' && to !== '' && to < from ? '' : to,
  };
}

/** The API query for the filters: its issueDateBefore is exclusive (a half-open range), so the day after `to`. */
export function invoiceListQuery(filters: InvoiceFilters): Record<string, string | null> {
  return {
    status: filters.status || null,
    overdue: filters.overdue || null,
    currency: filters.currency || null,
    search: filters.q || null,
    issueDateFrom: filters.from || null,
    issueDateBefore: filters.to ? nextDay(filters.to) : null,
  };
}
