import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';
import type { MoneyJson } from './types.ts';

/**
 * Adds or subtracts an amount into per-currency totals, exactly (bigint): the board's optimistic
 * column totals. Different currencies stay separate entries, sorted by code as the server sends them.
 */
export function addToTotals(totals: readonly MoneyJson[], amount: MoneyJson, sign: 1 | -1): MoneyJson[] {
  const delta = BigInt(amount.amountMinor) * BigInt(sign);
  const existing = totals.find((total) => total.currency === amount.currency);
  const others = totals.filter((total) => total.currency !== amount.currency);
  const sum = (existing ? BigInt(existing.amountMinor) : 0n) + delta;
  const next = sum === 0n && sign < 0 ? others : [...others, { amountMinor: sum.toString(), currency: amount.currency }];
  return next.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** "1234.5" in `currency` → minor units as a digit string, exactly by the ISO 4217 exponent; null if not a plain amount. */
export function parseAmountToMinor(text: string, currency: string): string | null {
  const exponent = CURRENCY_EXPONENTS[currency.toUpperCase()];
  if (exponent === undefined) return null;
  const match = /^(\d{1,15})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  return BigInt(`${match[1] ?? '0'}${fraction.padEnd(exponent, '0')}`).toString();
}

export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENTS, code.toUpperCase());
}
