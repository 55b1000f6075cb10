import type { TFunction } from 'i18next';
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';
import { formatNumber } from '../lib/format.ts';
import { formatMoney } from '../lib/format-money.ts';
import { dateTimeFormat, numberFormat } from '../lib/intl-formats.ts';
import type { Unit } from './metrics-api.ts';

// Ratios that are not shares of a whole (3 = three wins per loss): shown as numbers, not percentages.
export const NOT_A_SHARE: ReadonlySet<string> = new Set(['win-loss-ratio', 'quick-ratio']);

/** A figure for display in `locale`: money exactly from minor units, ratios as percentages, days and months with their unit. */
export function formatFigure(metric: string, unit: Unit, value: number | null, currency: string | undefined, locale: string): string {
  if (value === null) return '—';
  switch (unit) {
    case 'money':
      return currency ? formatMoney(value, currency, locale) : formatNumber(value, locale);
    case 'ratio':
      if (NOT_A_SHARE.has(metric)) return numberFormat(locale, { maximumFractionDigits: 4 }).format(value);
      return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value);
    case 'days':
      return numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 2 }).format(value);
    case 'months':
      return numberFormat(locale, { style: 'unit', unit: 'month', unitDisplay: 'long', maximumFractionDigits: 2 }).format(value);
    case 'count':
      return formatNumber(value, locale);
    case 'number':
      return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/** Minor units as a bigint; the API sends integers (numbers, or strings beyond 2^53). */
export function toMinor(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new RangeError(`not an integer amount of minor units: ${String(value)}`);
}

/** "1234.50" for 123450 USD minor units, digit by digit (STYLE.md: CSV carries exact decimal strings). */
export function minorToDecimal(value: unknown, currency: string): string {
  const code = currency.toUpperCase();
  const exponent = Object.hasOwn(CURRENCY_EXPONENTS, code) ? CURRENCY_EXPONENTS[code] : undefined;
  if (exponent === undefined) throw new RangeError(`Unknown ISO 4217 currency ${JSON.stringify(currency)}`);
  const minor = toMinor(value);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** Minor units as a plain number of major units, for chart geometry only (never for sums shown as money). */
export function minorToChartNumber(value: number, currency: string | undefined): number {
  const exponent = currency && Object.hasOwn(CURRENCY_EXPONENTS, currency) ? (CURRENCY_EXPONENTS[currency] ?? 2) : 0;
  return value / 10 ** exponent;
}


/** '2024-03' → "Mar 2024", '2024-Q1' → "Q1 2024", '2024-W10' → "W10 2024", '2024-03-05' → a date, in the locale. */
export function formatPeriod(period: string, locale: string, t: TFunction): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (day) return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))));
  const quarter = /^(\d{4})-Q(\d)$/.exec(period);
  if (quarter?.[1] && quarter[2]) return t('metricsExplorer.periodQuarter', { quarter: quarter[2], year: quarter[1] });
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week?.[1] && week[2]) return t('metricsExplorer.periodWeek', { week: String(Number(week[2])), year: week[1] });
  if (period === 'all') return t('metricsExplorer.periodAll');
  return period;
}
