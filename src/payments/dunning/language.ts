import type { Language } from '../tables.ts';

const BY_COUNTRY: Record<string, Language> = {
  DE: 'de', AT: 'de', CH: 'de', LI: 'de', LU: 'de', IT: 'it', SM: 'it', VA: 'it', RU: 'ru', BY: 'ru', KZ: 'ru', KG: 'ru',
};

/** The customer's language for reminders: their collection setting, else their country's, else English. */
export function languageFor(setting: Language | null, country: string | null): Language {
  return setting ?? (country ? BY_COUNTRY[country] : undefined) ?? 'en';
}

const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE', it: 'it-IT', ru: 'ru-RU' };

/** An amount in minor units shown in the language's conventions (Intl, exact through a decimal string). */
export function formatAmount(amountMinor: bigint, currency: string, exponent: number, language: Language): string {
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  const format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  // Intl formats a decimal string exactly (Intl.NumberFormat v3 accepts strings).
  return format.format((negative ? `-${text}` : text) as unknown as number);
}
