import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import type { MoneyJson } from './customer-types.ts';

/** A calendar date (YYYY-MM-DD) as written in the locale; UTC so no time zone moves it a day. */
export function formatPlainDate(date: string, locale: string = intlLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function formatAmount(money: MoneyJson, locale: string = intlLocale()): string {
  return formatMoney(money.amountMinor, money.currency, locale);
}

/** Amounts per currency, joined ("€1,000.00 · $20.00"); the empty text when there are none. */
export function formatAmounts(amounts: readonly MoneyJson[], locale: string = intlLocale()): string {
  return amounts.map((amount) => formatAmount(amount, locale)).join(' · ');
}

/**
 * A country code as its name in the locale ("DE" → "Germany" / "Deutschland"); `short` as a list writes it where
 * the language has a shorter name ("US" → "USA" in German, "США" in Russian, rather than "Соединенные Штаты").
 */
export function countryName(code: string | null, locale: string = intlLocale(), style: 'long' | 'short' = 'long'): string {
  if (code === null) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'region', style }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** snake_case vocabulary the UI has no label for ("second_reminder" → "second reminder"). */
export function humanize(value: string): string {
  return value.replace(/_/g, ' ');
}
