// The server's ISO 4217 table, so "minor unit" means the same on both sides (STYLE.md "Money").
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';

/** "-1234.5" style text for `minor / 10^exponent`, built digit by digit: no float ever holds the amount. */
export function scaledDecimalText(minor: bigint, exponent: number): `${number}` {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}` as `${number}`;
}

/** Minor units of `currency` as the plain decimal an input field takes ("1500.00"); unknown currencies count 2 decimals. */
export function minorToInputText(amountMinor: bigint | string | number, currency: string): string {
  return scaledDecimalText(BigInt(amountMinor), CURRENCY_EXPONENTS[currency.toUpperCase()] ?? 2);
}

/** Basis points as the percentage a user types ("30", "12.5"), without a float. */
export function bpsToPercentText(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
