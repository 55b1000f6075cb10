import { money, multiplyDecimalByInteger, roundDecimalToMoney, subtract, type Decimal, type Money } from '../shared/money.ts';
import { PricingError } from './pricing-error.ts';
import type { DiscountInput } from './pricing-types.ts';

const FULL_BPS = 10_000n;

/**
 * Net of one line from its exact list total, rounded once half-up (docs/pricing.md):
 * - percent: net = round(listExact × (10 000 − bps) / 10 000); the discount is list − net, so
 *   list − discount = net to the minor unit;
 * - amount: off the rounded list, capped at it (as Stripe caps amount_off): a net never goes below 0.
 */
export function applyDiscount(listExact: Decimal, listAmount: Money, discount: DiscountInput | undefined): Money {
  if (discount === undefined) return listAmount;
  if ('percentBps' in discount) {
    const bps = discount.percentBps;
    if (!Number.isSafeInteger(bps) || bps < 0 || bps > 10_000) {
      throw new PricingError('invalid_discount', 'discount', `percentBps must be an integer from 0 to 10000, got ${bps}`);
    }
    const netExact = multiplyDecimalByInteger(listExact, FULL_BPS - BigInt(bps));
    return roundDecimalToMoney({ coefficient: netExact.coefficient, scale: netExact.scale + 4 }, listAmount.currency, 'half_up');
  }
  const { amount } = discount;
  if (amount.currency !== listAmount.currency) {
    throw new PricingError('currency_mismatch', 'discount', `the discount is in ${amount.currency}, the price in ${listAmount.currency}`);
  }
  if (amount.amountMinor < 0n) throw new PricingError('invalid_discount', 'discount', 'an amount discount cannot be negative');
  const capped = amount.amountMinor > listAmount.amountMinor ? listAmount.amountMinor : amount.amountMinor;
  return subtract(listAmount, money(capped, listAmount.currency));
}
