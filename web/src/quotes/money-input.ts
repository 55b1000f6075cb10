// The server's ISO 4217 table, so a typed amount is scaled exactly as the server counts minor units.
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';

export { bpsToPercentText, minorToInputText } from '../lib/decimal-text.ts';

/**
 * A typed decimal ("1234.5", "1 234,50", "12,5") as an integer of 10^-digits units, by string
 * work only (STYLE.md "Money": never Number(x) * 100). null when it is not a plain decimal or has
 * more fraction digits than allowed.
 */
export function parseScaledDecimal(text: string, digits: number): bigint | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(compact);
  if (!match || compact === '' || compact === '.' || compact === ',') return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return BigInt(`${whole || '0'}${fraction.padEnd(digits, '0')}`);
}

export function currencyExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** "30" or "12.5" (percent) → basis points; null when not a percentage of at most 2 decimals. */
export function percentToBps(text: string): number | null {
  const bps = parseScaledDecimal(text, 2);
  return bps === null || bps > 10_000n ? null : Number(bps);
}
