import { divideRounded } from '../../shared/money.ts';

export type TaxedAmount = { netMinor: bigint; taxMinor: bigint };

/**
 * Tax of one line, rounded half-up to the minor unit once per line (docs/billing.md "Taxes").
 * Exclusive: tax = amount × rate. Inclusive: the amount is gross, tax = amount × rate ÷ (1 + rate),
 * net = amount − tax (so net + tax is exactly the price). Credits round symmetrically (half away from zero).
 */
export function taxLine(amountMinor: bigint, rateBps: number, inclusive: boolean): TaxedAmount {
  const rate = BigInt(rateBps);
  if (inclusive) {
    const taxMinor = divideRounded(amountMinor * rate, 10_000n + rate, 'half_up');
    return { netMinor: amountMinor - taxMinor, taxMinor };
  }
  return { netMinor: amountMinor, taxMinor: divideRounded(amountMinor * rate, 10_000n, 'half_up') };
}
