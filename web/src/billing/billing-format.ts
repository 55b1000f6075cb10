import { intlLocale } from '../i18n/i18n.ts';
import { formatDate } from '../lib/format.ts';
import { minorToInputText } from '../lib/decimal-text.ts';
import { formatMoney } from '../lib/format-money.ts';
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';
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

/**
 * Decimal text typed by a person ("1.234,56", "1234.56", "12") to minor units of `currency`,
 * exactly by its ISO 4217 exponent (never `Number(x) * 100`); null when it is not an amount.
 * The last '.' or ',' followed by at most `exponent` digits is the decimal separator; other
 * separators and spaces group digits.
 */
export function parseAmount(text: string, currency: string): bigint | null {
  const exponent = CURRENCY_EXPONENTS[currency.toUpperCase()];
  if (exponent === undefined) return null;
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  const decimals = last === -1 ? -1 : compact.length - last - 1;
  const isDecimal = last !== -1 && decimals >= 1 && decimals <= exponent;
  const whole = isDecimal ? compact.slice(0, last) : compact;
  const fraction = isDecimal ? compact.slice(last + 1) : '';
  // The whole part is plain digits or groups of three ("1.234.567", "1,234").
  if (!/^\d+$/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null;
  if (!/^\d*$/.test(fraction)) return null;
  return BigInt(whole.replace(/[.,]/g, '') + fraction.padEnd(exponent, '0'));
}

/** Minor units as plain decimal text for an input ("1234.56"). */
export const toDecimalText = (amountMinor: bigint, currency: string): string => minorToInputText(amountMinor, currency);
