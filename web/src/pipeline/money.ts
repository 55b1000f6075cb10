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
