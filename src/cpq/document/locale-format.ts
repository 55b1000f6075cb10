import { formatMinor } from '../../shared/money.ts';
import type { QuoteLanguage } from '../tables.ts';

// One region per language: the document's number, date and currency conventions.
const INTL_LOCALES: Record<QuoteLanguage, string> = { en: 'en-US', de: 'de-DE', it: 'it-IT', ru: 'ru-RU' };

export type LocaleFormat = {
  money(amountMinor: bigint, currency: string): string;
  /** A calendar date 'YYYY-MM-DD' in the locale's long form (1. Februar 2026). */
  date(isoDate: string): string;
  integer(value: bigint | number): string;
  percent(bps: number): string;
};

/**
 * Formatters for one language. Money goes to Intl as an exact decimal string ("1234.56"), never as
 * a float (STYLE.md "Money"); dates are formatted at UTC noon so no offset can move the day.
 */
export function localeFormat(language: QuoteLanguage): LocaleFormat {
  const locale = INTL_LOCALES[language];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  return {
    money(amountMinor, currency) {
      let format = moneyFormats.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        moneyFormats.set(currency, format);
      }
      // Intl.NumberFormat v3 formats a decimal string exactly (no binary rounding).
      return format.format(formatMinor(amountMinor, currency) as `${number}`);
    },
    date: (isoDate) => dates.format(new Date(`${isoDate}T12:00:00Z`)),
    integer: (value) => integers.format(value),
    percent: (bps) => percents.format(`${bps / 10_000}` as `${number}`),
  };
}
