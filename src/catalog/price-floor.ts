import { compare, moneyFromJson, multiplyByRatio, type Money } from '../shared/money.ts';
import type { FloorTerms, PricedLine } from './pricing-types.ts';

export type FloorViolation =
  | { code: 'below_min_price'; minimumNet: Money; netAmount: Money }
  | { code: 'discount_above_max'; maxDiscountBps: number; discountBps: number };

/**
 * Price floors (the approval triggers CPQ routes on). Both checks compare exact integers:
 * - min price is per billable unit per period, so the line's floor is min × units × periods;
 * - the discount share is discount ÷ list, compared as discount × 10 000 > max × list.
 * A line with nothing to charge (0 units) breaks no floor.
 */
export function checkPriceFloor(line: PricedLine, floor: FloorTerms): FloorViolation[] {
  const violations: FloorViolation[] = [];
  if (floor.minPrice !== null) {
    const minPrice = moneyFromJson(floor.minPrice);
    const minimumNet = multiplyByRatio(minPrice, line.billableQuantity * BigInt(line.periods), 1n, 'half_up');
    // compare() throws on a currency mismatch: a floor in another currency is bad data, not a pass.
    if (compare(line.netAmount, minimumNet) < 0) violations.push({ code: 'below_min_price', minimumNet, netAmount: line.netAmount });
  }
  const list = line.listAmount.amountMinor;
  const discount = line.discountAmount.amountMinor;
  if (floor.maxDiscountBps !== null && list > 0n && discount * 10_000n > BigInt(floor.maxDiscountBps) * list) {
    // Reported rounded up to a whole bps, so a violation never displays as "at the maximum".
    const discountBps = Number((discount * 10_000n + list - 1n) / list);
    violations.push({ code: 'discount_above_max', maxDiscountBps: floor.maxDiscountBps, discountBps });
  }
  return violations;
}
