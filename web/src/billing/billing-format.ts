import { intlLocale } from '../i18n/i18n.ts';
import { formatDate } from '../lib/format.ts';
import { minorToInputText } from '../lib/decimal-text.ts';
import { formatMoney } from '../lib/format-money.ts';
import type { MoneyJson } from './types.ts';

/** API money in the UI locale, exactly (minor units through format-money.ts). */
export function money(value: MoneyJson, locale: string = intlLocale()): string {
  return formatMoney(value.amountMinor, value.currency, locale);
}

/** A calendar date 'YYYY-MM-DD' in the UI locale; noon UTC so no time zone moves the day. */
export function day(isoDate: string | null, locale: string = intlLocale()): string {
  return isoDate === null ? '—' : formatDate(`${isoDate}T12:00:00Z`, locale);
}

/** Periods are half-open [start, end): people read the last day of service. */
export function period(startDate: string | null, endDate: string | null, locale: string = intlLocale()): string {
  if (startDate === null || endDate === null) return '—';
  const last = new Date(`${endDate}T12:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${day(startDate, locale)} – ${day(last.toISOString().slice(0, 10), locale)}`;
}

export function toMinor(value: MoneyJson): bigint {
  return BigInt(value.amountMinor);
}

/** Minor units as plain decimal text for an input ("1234.56"). */
export const toDecimalText = (amountMinor: bigint, currency: string): string => minorToInputText(amountMinor, currency);
