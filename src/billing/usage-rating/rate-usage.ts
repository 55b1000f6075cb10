import { graduatedCharges, parseTiers, sumCharges, volumeCharge, type PriceTier } from '../../catalog/index.ts';
import { multiplyDecimalByInteger, parseDecimal, roundDecimalToMoney, type Decimal } from '../../shared/money.ts';

/** A usage price: per unit, graduated or volume tiers (catalog's maths), or per package of units. */
export type UsagePrice =
  | { model: 'per_unit'; unitAmount: string }
  | { model: 'graduated' | 'volume'; tiers: PriceTier[] }
  | { model: 'package'; packageAmount: string; packageSize: bigint };

export type RatedUsage = { quantity: bigint; amountMinor: bigint; minimumTrueUpMinor: bigint };

/** The exact charge of a quantity, before rounding (prices may be below a minor unit). */
export function usageChargeDecimal(price: UsagePrice, quantity: bigint): Decimal {
  switch (price.model) {
    case 'per_unit': return multiplyDecimalByInteger(parseDecimal(price.unitAmount), quantity);
    case 'graduated': return sumCharges(graduatedCharges(parseTiers(price.tiers), quantity));
    case 'volume': return volumeCharge(parseTiers(price.tiers), quantity).amount;
    // Package: every started package is charged in full (10 units in packages of 100 = 1 package).
    case 'package': return multiplyDecimalByInteger(parseDecimal(price.packageAmount), (quantity + price.packageSize - 1n) / price.packageSize);
  }
}

/**
 * Rates a period's usage: exact charge rounded half-up to the minor unit once (STYLE.md "rounded
 * once, when a document line is created"); with a minimum commitment, a true-up line brings the
 * period up to the minimum when usage falls short.
 */
export function rateUsage(price: UsagePrice, quantity: bigint, currency: string, minimumMinor: bigint | null = null): RatedUsage {
  const amountMinor = roundDecimalToMoney(usageChargeDecimal(price, quantity), currency, 'half_up').amountMinor;
  const minimumTrueUpMinor = minimumMinor !== null && amountMinor < minimumMinor ? minimumMinor - amountMinor : 0n;
  return { quantity, amountMinor, minimumTrueUpMinor };
}
