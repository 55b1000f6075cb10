import { allocate, divideRounded, money, zero, type Money } from '../shared/money.ts';

/** A discount on the whole quote: a share of the subtotal, or an amount in the quote's currency. */
export type HeaderDiscount = { percentBps: number } | { amountMinor: bigint };

/**
 * The header discount taken off the subtotal (the sum of the lines after their own discounts),
 * with the catalog's rounding (docs/pricing.md): a percentage rounds the *net* once, half-up,
 * and the discount is what remains, so subtotal − discount = net to the minor unit; an amount is
 * capped at the subtotal, so a total never goes below zero.
 */
export function headerDiscountOf(subtotal: Money, discount: HeaderDiscount | null): Money {
  if (discount === null) return zero(subtotal.currency);
  if ('percentBps' in discount) {
    const net = divideRounded(subtotal.amountMinor * BigInt(10_000 - discount.percentBps), 10_000n, 'half_up');
    return money(subtotal.amountMinor - net, subtotal.currency);
  }
  const capped = discount.amountMinor > subtotal.amountMinor ? subtotal.amountMinor : discount.amountMinor;
  return money(capped, subtotal.currency);
}

/**
 * money.ts allocate (largest remainder, ties to the lower index), except that nothing to split
 * gives zeros even when every weight is zero (a quote whose lines are all free). A non-zero total
 * over zero weights still throws: a share of nothing cannot be placed.
 * With 0 ≤ total ≤ Σ weights every part is at most its weight, so no net goes negative.
 */
export function allocateOrZero(total: Money, weights: readonly bigint[]): Money[] {
  if (total.amountMinor === 0n) return weights.map(() => zero(total.currency));
  return allocate(total, weights);
}
