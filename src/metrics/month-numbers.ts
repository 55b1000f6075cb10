/**
 * The engine counts time in whole months: month index = year × 12 + (month − 1). Calendar dates
 * stay 'YYYY-MM-DD' text everywhere else (STYLE.md "Dates"); here a month number is what lets one
 * pass over a million spans run on integer arithmetic instead of date objects.
 *
 * A span [fromDate, toDate) covers the last day of month m exactly when
 * monthOf(fromDate) ≤ m < monthOf(toDate): the month end is on or after the first day of its
 * month, and before toDate unless toDate lies in month m itself. So month-end snapshots need no
 * day arithmetic at all (docs/metrics.md, "Time basis").
 */

/** An open end (no end date): later than any month a report can name. */
export const OPEN_MONTH = 2_147_483_647;

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthOfDate(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** 'YYYY-MM' → month index; undefined when the text is not a month. */
export function parseMonthKey(text: string): number | undefined {
  const match = MONTH_KEY.exec(text);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : undefined;
}

export function monthKey(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function firstDateOfMonth(month: number): string {
  return `${monthKey(month)}-01`;
}

export function lastDateOfMonth(month: number): string {
  const year = Math.floor(month / 12);
  const days = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
  return `${monthKey(month)}-${String(days).padStart(2, '0')}`;
}

/** Whole days from `fromDate` to `toDate` (negative when toDate is earlier); UTC arithmetic, no time zone. */
export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

export function addDaysToDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
