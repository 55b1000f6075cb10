/** Display formatting through Intl in the UI locale; values stay exact strings/integers elsewhere. */
import { dateTimeFormat, numberFormat } from './intl-formats.ts';

export function formatNumber(value: number | bigint, locale: string): string {
  return numberFormat(locale).format(value);
}

/** An instant (ISO 8601 with offset) as a date and time in the browser's time zone. */
export function formatDateTime(isoInstant: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoInstant));
}

/** An instant as a calendar date in the browser's time zone. */
export function formatDate(isoInstant: string, locale: string, style: 'medium' | 'long' | 'full' = 'medium'): string {
  return dateTimeFormat(locale, { dateStyle: style }).format(new Date(isoInstant));
}

/**
 * A date of each month as formatDate (or formatDateTime) writes it, for sizing a column of dates to the longest
 * the language writes (column-fit.ts): "28 сент. 2026 г." in Russian, "28.09.2026" in German. Day 28 has two
 * digits in every month; 23:59 is as wide a time as any.
 */
export function dateSamples(locale: string, options: { time?: boolean } = {}): string[] {
  const format = dateTimeFormat(locale, options.time ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(new Date(Date.UTC(2026, month, 28, 23, 59))));
}
