import { formatMinor } from '../../shared/money.ts';
import type { DocumentLanguage } from './document-data.ts';

// One region per language: the document's number, date and currency conventions (as cpq's quote document).
const INTL_LOCALES: Record<DocumentLanguage, string> = { en: 'en-US', de: 'de-DE', it: 'it-IT', ru: 'ru-RU' };

export type LocaleFormat = {
  money(amountMinor: bigint, currency: string): string;
  /** A calendar date 'YYYY-MM-DD' in the locale's medium form (01.02.2026, Feb 1, 2026). */
  date(isoDate: string): string;
  integer(value: bigint | number): string;
  /** An exact decimal quantity ("2.5") with the locale's separators. */
  quantity(decimal: string): string;
  percent(bps: number): string;
};

/** Money goes to Intl as an exact decimal string, never a float (STYLE.md "Money"); dates at UTC noon. */
export function localeFormat(language: DocumentLanguage): LocaleFormat {
  const locale = INTL_LOCALES[language];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
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
      return format.format(formatMinor(amountMinor, currency) as `${number}`);
    },
    date: (isoDate) => dates.format(new Date(`${isoDate}T12:00:00Z`)),
    integer: (value) => integers.format(value),
    quantity: (decimal) => quantities.format(decimal as `${number}`),
    percent: (bps) => percents.format(`${bps / 10_000}` as `${number}`),
  };
}
