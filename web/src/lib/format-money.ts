// The server's ISO 4217 table, so "minor unit" means the same on both sides (STYLE.md "Money").
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';
import { scaledDecimalText } from './decimal-text.ts';
import { numberFormat } from './intl-formats.ts';

function toMinorUnits(amountMinor: bigint | number | string): bigint {
  if (typeof amountMinor === 'bigint') return amountMinor;
  if (typeof amountMinor === 'number' && Number.isSafeInteger(amountMinor)) return BigInt(amountMinor);
  if (typeof amountMinor === 'string' && /^-?\d+$/.test(amountMinor)) return BigInt(amountMinor);
  throw new RangeError(`amountMinor must be an integer number of minor units, got ${String(amountMinor)}`);
}

/**
 * Formats an amount in minor units for display in `locale`, exactly.
 *
 * The amount is scaled by the ISO 4217 exponent, which is what the server's
 * amountMinor counts in; Intl's own fraction digits are only the display
 * minimum. They differ for 16 currencies (Intl shows HUF, IDR, COP, PKR… with 0
 * digits, ISO counts 2; IQD 0 vs 3): scaling by Intl's digits would show
 * 12345 HUF fillér as "12.345 Ft" instead of "123,45 Ft", and rounding to them would hide real cents.
 * The decimal text goes to Intl.NumberFormat as a string, which formats it without a float conversion.
 */
export function formatMoney(amountMinor: bigint | number | string, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const exponent = Object.hasOwn(CURRENCY_EXPONENTS, code) ? CURRENCY_EXPONENTS[code] : undefined;
  if (exponent === undefined) throw new RangeError(`Unknown ISO 4217 currency ${JSON.stringify(currency)}`);
  const intlDigits = numberFormat(locale, { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? exponent;
  const format = numberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: Math.min(intlDigits, exponent),
    maximumFractionDigits: exponent,
  });
  return format.format(scaledDecimalText(toMinorUnits(amountMinor), exponent));
}

/**
 * An exact decimal amount in major units ("0.0004", a usage unit price below one minor unit) as
 * money, every digit kept: at least the currency's own digits, never rounded (STYLE.md "Money").
 */
export function formatDecimalMoney(decimal: string, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const exponent = Object.hasOwn(CURRENCY_EXPONENTS, code) ? CURRENCY_EXPONENTS[code] : undefined;
  if (exponent === undefined) throw new RangeError(`Unknown ISO 4217 currency ${JSON.stringify(currency)}`);
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) throw new RangeError(`not an exact decimal: ${JSON.stringify(decimal)}`);
  const format = numberFormat(locale, { style: 'currency', currency: code, minimumFractionDigits: exponent, maximumFractionDigits: 20 });
  return format.format(decimal as `${number}`);
}
