/**
 * Calendar dates and billing periods (STYLE.md "Dates"). Everything here is a Temporal.PlainDate:
 * no time of day and no time zone, so period edges cannot shift (lago #879, #1246).
 * Time zones enter only through clock.today(tz).
 */
import { Temporal } from 'temporal-polyfill';

export type DateErrorCode = 'invalid_date' | 'invalid_period';

export class DateError extends Error {
  override readonly name = 'DateError';
  readonly code: DateErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DateErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Parsed dates by their text: a PlainDate is immutable, and the same few thousand dates (periods,
// due dates) are parsed again and again by billing and the flows; the polyfill's parse is slow.
// Guard: bounded, dropped when full (parsing again gives an equal date).
const PARSED_DATES = new Map<string, Temporal.PlainDate>();
const MAX_PARSED_DATES = 10_000;

/** Strict YYYY-MM-DD: no time, offset, week date, extended year or unpadded fields; real calendar days only. */
export function parsePlainDate(text: string): Temporal.PlainDate {
  const known = PARSED_DATES.get(text);
  if (known) return known;
  if (typeof text === 'string' && ISO_DATE.test(text)) {
    try {
      const date = Temporal.PlainDate.from(text, { overflow: 'reject' });
      if (PARSED_DATES.size >= MAX_PARSED_DATES) PARSED_DATES.clear();
      PARSED_DATES.set(text, date);
      return date;
    } catch {
      // Well-formed but not a calendar day (2025-02-30): reported below like any other bad value.
    }
  }
  throw new DateError('invalid_date', `Invalid date ${JSON.stringify(text)}: expected a calendar date as YYYY-MM-DD`, {
    value: text,
  });
}

export function toIsoDate(date: Temporal.PlainDate): string {
  return date.toString({ calendarName: 'never' });
}

/** Half-open [startDate, endDate): endDate is the first day no longer in the period. */
export type Period = { readonly startDate: Temporal.PlainDate; readonly endDate: Temporal.PlainDate };

/** An empty period (start = end) is allowed; an inverted one is not. */
export function createPeriod(startDate: Temporal.PlainDate, endDate: Temporal.PlainDate): Period {
  if (Temporal.PlainDate.compare(startDate, endDate) > 0) {
    throw new DateError('invalid_period', `Period ends (${toIsoDate(endDate)}) before it starts (${toIsoDate(startDate)})`, {
      startDate: toIsoDate(startDate),
      endDate: toIsoDate(endDate),
    });
  }
  return Object.freeze({ startDate, endDate });
}

export function daysInPeriod(period: Period): number {
  return period.startDate.until(period.endDate, { largestUnit: 'days' }).days;
}

export function periodContains(period: Period, date: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(period.startDate, date) <= 0 && Temporal.PlainDate.compare(date, period.endDate) < 0;
}

export function overlapDays(a: Period, b: Period): number {
  const start = Temporal.PlainDate.compare(a.startDate, b.startDate) >= 0 ? a.startDate : b.startDate;
  const end = Temporal.PlainDate.compare(a.endDate, b.endDate) <= 0 ? a.endDate : b.endDate;
  return Temporal.PlainDate.compare(start, end) < 0 ? start.until(end, { largestUnit: 'days' }).days : 0;
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

function assertIntervalMonths(intervalMonths: number): void {
  if (!Number.isSafeInteger(intervalMonths) || intervalMonths < 1) {
    throw new RangeError(`intervalMonths must be a positive integer, got ${intervalMonths}`);
  }
}

/**
 * anchor + n months, clamped to the month's last day (Jan 31 → Feb 28/29 → Mar 31). Always computed
 * from the anchor: chaining from the previous result would stick at the 28th after February.
 */
export function addMonthsFromAnchor(anchor: Temporal.PlainDate, n: number): Temporal.PlainDate {
  assertInteger(n, 'n');
  return anchor.add({ months: n }, { overflow: 'constrain' });
}

/** The n-th billing period [anchor + n·k months, anchor + (n+1)·k months); n may be negative. */
export function nthPeriod(anchor: Temporal.PlainDate, n: number, intervalMonths: number): Period {
  assertInteger(n, 'n');
  assertIntervalMonths(intervalMonths);
  return Object.freeze({
    startDate: addMonthsFromAnchor(anchor, n * intervalMonths),
    endDate: addMonthsFromAnchor(anchor, (n + 1) * intervalMonths),
  });
}

/** The n for which nthPeriod(anchor, n, intervalMonths) contains `date` (negative before the anchor). */
export function periodIndexContaining(anchor: Temporal.PlainDate, intervalMonths: number, date: Temporal.PlainDate): number {
  assertIntervalMonths(intervalMonths);
  const monthsApart = (date.year - anchor.year) * 12 + (date.month - anchor.month);
  let index = Math.floor(monthsApart / intervalMonths);
  // The month count ignores the day of month, so the estimate can be one period late or early;
  // periods tile the calendar, so stepping towards the date always ends on the right one.
  while (Temporal.PlainDate.compare(date, addMonthsFromAnchor(anchor, index * intervalMonths)) < 0) index -= 1;
  while (Temporal.PlainDate.compare(date, addMonthsFromAnchor(anchor, (index + 1) * intervalMonths)) >= 0) index += 1;
  return index;
}

export function startOfMonth(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.with({ day: 1 });
}

/** The last day of the month (inclusive); the exclusive end is startOfMonth(date).add({ months: 1 }). */
export function endOfMonthInclusive(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.with({ day: date.daysInMonth });
}

/** "2024-01" (extended years keep Temporal's ±YYYYYY form, as toIsoDate does) */
export function monthKey(date: Temporal.PlainDate): string {
  return toIsoDate(date).slice(0, -3);
}

/** "2024-Q1" (calendar quarters; fiscal years are a metrics concern) */
export function quarterKey(date: Temporal.PlainDate): string {
  return `${toIsoDate(date).slice(0, -6)}-Q${Math.ceil(date.month / 3)}`;
}

/** Proleptic Gregorian rule, as Temporal's ISO calendar. */
export function isLeapYear(year: number): boolean {
  assertInteger(year, 'year');
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  assertInteger(year, 'year');
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1-12, got ${month}`);
  return Temporal.PlainDate.from({ year, month, day: 1 }).daysInMonth;
}
