import { dateTimeFormat } from './intl-formats.ts';

/**
 * Calendar dates as people read and type them in the app's language, not the browser's: the order
 * and separator of the locale's numeric date (Intl, the locale the app displays dates in:
 * de 31.01.2026, it 31/01/2026, ru 31.01.2026, en 01/31/2026), and back to the 'YYYY-MM-DD' the
 * API and the URL carry. Typing is lenient (1.2.2026, any of . / - or a space between the parts,
 * ISO 2026-02-01 in every language); the year takes four digits, since the app has no rule for
 * which century "26" means. Impossible days (31.02.2026) are refused, never rolled over.
 */
export type DatePart = 'day' | 'month' | 'year';
export type DateTextPattern = { order: readonly [DatePart, DatePart, DatePart]; separator: string };

export type DateTextFailure =
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'year' }
  | { ok: false; reason: 'month'; month: number }
  /** No such day in that month: `lastDate` is the month's last day ('2026-02-28'). */
  | { ok: false; reason: 'day'; lastDate: string }
  | { ok: false; reason: 'min' | 'max'; bound: string };
export type ParsedDateText = { ok: true; date: string } | DateTextFailure;

const FALLBACK: DateTextPattern = { order: ['year', 'month', 'day'], separator: '-' };
const patterns = new Map<string, DateTextPattern>();

/** The locale's numeric date pattern, read once per locale from Intl (the same source as the dates the app displays). */
export function dateTextPattern(locale: string): DateTextPattern {
  let pattern = patterns.get(locale);
  if (pattern === undefined) {
    const parts = dateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 0, 31)));
    const order = parts.map((part) => part.type).filter((type): type is DatePart => type === 'day' || type === 'month' || type === 'year');
    const separator = parts.find((part) => part.type === 'literal')?.value;
    pattern = order.length === 3 && new Set(order).size === 3 && separator !== undefined && separator.trim() !== ''
      ? { order: [order[0] ?? 'year', order[1] ?? 'month', order[2] ?? 'day'], separator }
      : FALLBACK;
    patterns.set(locale, pattern);
  }
  return pattern;
}

/** 'YYYY-MM-DD' in the pattern (31.01.2026); '' stays ''; text that is not a calendar date is shown as it is. */
export function formatDateText(isoDate: string, pattern: DateTextPattern): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return isoDate;
  const parts: Record<DatePart, string> = { year: match[1] ?? '', month: match[2] ?? '', day: match[3] ?? '' };
  return pattern.order.map((part) => parts[part]).join(pattern.separator);
}

/** The pattern spelt with the language's letters for day, month and year (TT.MM.JJJJ, gg/mm/aaaa): the field's placeholder. */
export function datePatternText(pattern: DateTextPattern, letters: Record<DatePart, string>): string {
  return pattern.order.map((part) => letters[part]).join(pattern.separator);
}

// Three groups of digits, between them any of . / - or spaces (31. 01. 2026 too); a trailing dot is allowed (31.01.2026.).
const THREE_GROUPS = /^(\d+)[./\-\s]+(\d+)[./\-\s]+(\d+)\.?$/;

/** Typed text → 'YYYY-MM-DD', or why not. `min`/`max` ('YYYY-MM-DD', inclusive) bound the day when given. */
export function parseDateText(text: string, pattern: DateTextPattern, bounds: { min?: string | undefined; max?: string | undefined } = {}): ParsedDateText {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const groups = THREE_GROUPS.exec(trimmed)?.slice(1, 4);
  if (groups === undefined) return { ok: false, reason: 'format' };
  // A four-digit first group is a year: ISO (2026-01-31) reads the same in every language; no locale writes year-day-month.
  const order = groups[0]?.length === 4 ? (['year', 'month', 'day'] as const) : pattern.order;
  const digits: Record<DatePart, string> = { day: '', month: '', year: '' };
  order.forEach((part, index) => (digits[part] = groups[index] ?? ''));
  if (digits.day.length > 2 || digits.month.length > 2) return { ok: false, reason: 'format' };
  if (digits.year.length !== 4 || Number(digits.year) === 0) return { ok: false, reason: 'year' };
  const year = Number(digits.year);
  const month = Number(digits.month);
  const day = Number(digits.day);
  if (month < 1 || month > 12) return { ok: false, reason: 'month', month };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, reason: 'day', lastDate: isoDate(year, month, days) };
  const date = isoDate(year, month, day);
  if (bounds.min !== undefined && bounds.min !== '' && date < bounds.min) return { ok: false, reason: 'min', bound: bounds.min };
  if (bounds.max !== undefined && bounds.max !== '' && date > bounds.max) return { ok: false, reason: 'max', bound: bounds.max };
  return { ok: true, date };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian, by arithmetic (Date.UTC reads years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
