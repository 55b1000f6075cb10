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
