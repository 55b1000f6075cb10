import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';

export function moneyJson(amountMinor: bigint | string, currency: string): MoneyJson {
  return moneyToJson(money(typeof amountMinor === 'bigint' ? amountMinor : BigInt(amountMinor), currency));
}

/** Sums per currency, currencies in code order; amounts never mix across currencies. */
export function sumByCurrency(items: readonly { amountMinor: bigint; currency: string }[]): MoneyJson[] {
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amountMinor);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => moneyJson(amountMinor, currency));
}

/** An integer ratio as a decimal with 2 places, rounded half-even (STYLE.md: named rounding). */
export function ratioText(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const scaled = numerator * 100n;
  let quotient = scaled / denominator;
  const remainder = scaled % denominator;
  const twice = remainder * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  const whole = quotient / 100n;
  const cents = (quotient % 100n).toString().padStart(2, '0');
  return `${whole}.${cents}`;
}
