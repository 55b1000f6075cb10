import { parsePlainDate, toIsoDate } from '../dates.ts';
import { formatMinor } from '../money.ts';

/** The languages Revline writes documents (quotes, invoices) in. */
export const DOCUMENT_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

// One region per language: the document's number, date and currency conventions.
const INTL_LOCALES: Record<DocumentLanguage, string> = { en: 'en-US', de: 'de-DE', it: 'it-IT', ru: 'ru-RU' };

export type LocaleFormat = {
  money(amountMinor: bigint, currency: string): string;
  /** An exact decimal amount in major units ('0.0004') as money, every digit kept (sub-minor-unit prices). */
  decimalMoney(decimal: string, currency: string): string;
  /** A calendar date 'YYYY-MM-DD' in the chosen style: long (1. Februar 2026) or medium (01.02.2026, Feb 1, 2026). */
  date(isoDate: string): string;
  integer(value: bigint | number): string;
  /** An exact decimal quantity ("2.5") with the locale's separators. */
  quantity(decimal: string): string;
  percent(bps: number): string;
};

// Intl formatters are immutable and costly to build (≈ 1 ms of CPU per document for the set):
// one set per language and date style per process.
const FORMATS = new Map<string, LocaleFormat>();

/**
 * Formatters for one language. Money goes to Intl as an exact decimal string ("1234.56"), never as
 * a float (STYLE.md "Money"); dates are formatted at UTC noon so no offset can move the day.
 */
export function localeFormat(language: DocumentLanguage, options: { dateStyle: 'long' | 'medium' }): LocaleFormat {
  const key = `${language} ${options.dateStyle}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = createLocaleFormat(language, options.dateStyle);
    FORMATS.set(key, format);
  }
  return format;
}

function createLocaleFormat(language: DocumentLanguage, dateStyle: 'long' | 'medium'): LocaleFormat {
  const locale = INTL_LOCALES[language];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' });
  const integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const quantities = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
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
    decimalMoney(decimal, currency) {
      const key = `${currency} exact`;
      let format = moneyFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 20 });
        moneyFormats.set(key, format);
      }
      return format.format(decimal as `${number}`);
    },
    date: (isoDate) => dates.format(new Date(`${isoDate}T12:00:00Z`)),
    integer: (value) => integers.format(value),
    quantity: (decimal) => quantities.format(decimal as `${number}`),
    percent: (bps) => percents.format(`${bps / 10_000}` as `${number}`),
  };
}

/** Periods are half-open [start, end); a document shows the last day of service. */
export function lastDay(exclusiveEndDate: string): string {
  return toIsoDate(parsePlainDate(exclusiveEndDate).subtract({ days: 1 }));
}
