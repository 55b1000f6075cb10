import type { TFunction } from 'i18next';
import { nextDay } from './ledger-view.ts';
import { CREDIT_NOTE_KINDS, type CreditNoteKind, type CreditNoteReason } from './types.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';

// View-model of the credit note pages: pure functions, so the URL filters and the worded reason are
// tested without a browser.

/** Filters of the credit note list as held in the URL; `to` is inclusive, as people read a range. */
export type CreditNoteFilters = { accountId: string; kind: CreditNoteKind | ''; open: 'true' | 'false' | ''; currency: string; from: string; to: string };
export const CREDIT_NOTE_FILTER_KEYS = ['accountId', 'kind', 'open', 'currency', 'from', 'to'] as const;

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link) instead of failing the list. */
export function parseCreditNoteFilters(search: URLSearchParams): CreditNoteFilters {
  const value = (key: string) => (search.get(key) ?? '').trim();
  const date = (key: string) => (isCalendarDate(value(key)) ? value(key) : '');
  const kind = value('kind');
  const open = value('open');
  return {
    accountId: /^.{1,100}$/.test(value('accountId')) ? value('accountId') : '',
    kind: (CREDIT_NOTE_KINDS as readonly string[]).includes(kind) ? (kind as CreditNoteKind) : '',
    open: open === 'true' || open === 'false' ? open : '',
    currency: /^[A-Z]{3}$/.test(value('currency')) ? value('currency') : '',
    from: date('from'),
    to: date('to'),
  };
}

/** The API query for the filters: its issueDateBefore is exclusive (half-open range), so the day after `to`. */
export function creditNoteListQuery(filters: CreditNoteFilters): Record<string, string | null> {
  return {
    accountId: filters.accountId || null,
    kind: filters.kind || null,
    open: filters.open || null,
    currency: filters.currency || null,
    issueDateFrom: filters.from || null,
    issueDateBefore: filters.to ? nextDay(filters.to) : null,
  };
}

/** A credit note's reason in the reader's language, as its PDF words it; the user's own words and other text as written. */
export function creditNoteReasonText(reason: CreditNoteReason, t: TFunction, formatDay: (isoDate: string) => string): string {
  switch (reason.kind) {
    case 'void': return t('billing.creditNotes.reasonVoid', { words: reason.words });
    case 'unused_time': return t('billing.creditNotes.reasonUnusedTime', { date: formatDay(reason.changeDate) });
    case 'other': return reason.text;
  }
}
