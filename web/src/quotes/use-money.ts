import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import type { MoneyJson } from './types.ts';

/** Formats API money in the UI locale (exact: minor units through format-money.ts). */
export function money(value: MoneyJson, locale: string = intlLocale()): string {
  return formatMoney(value.amountMinor, value.currency, locale);
}
