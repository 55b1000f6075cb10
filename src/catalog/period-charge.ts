import { currencyExponent, divideDecimal, multiplyDecimalByInteger, ZERO_DECIMAL, type Decimal } from '../shared/money.ts';
import { PricingError } from './pricing-error.ts';
import type { PriceTerms, TierCharge } from './pricing-types.ts';
import { graduatedCharges, parsePriceAmount, parseTiers, sumCharges, volumeCharge } from './tier-charges.ts';

/** One period of one line, exact: what is charged, for how many billable units, and why. */
export type PeriodCharge = { listPerPeriod: Decimal; billableQuantity: bigint; unitPrice: Decimal; breakdown: TierCharge[] };

// Blended tiered unit prices rarely terminate (100 / 3); they are shown with 4 digits beyond the
// minor unit. Display only: no amount is ever computed from them.
const BLENDED_EXTRA_DIGITS = 4;

function unitAmountOf(price: PriceTerms): Decimal {
  if (price.unitAmount === null) throw new PricingError('invalid_price_terms', 'price', `${price.pricingModel} prices need a unitAmount`);
  return parsePriceAmount(price.unitAmount);
}

function single(quantity: bigint, unitAmount: Decimal): PeriodCharge {
  const amount = multiplyDecimalByInteger(unitAmount, quantity);
  return { listPerPeriod: amount, billableQuantity: quantity, unitPrice: unitAmount, breakdown: [{ tierIndex: null, quantity, unitAmount, flatAmount: ZERO_DECIMAL, amount }] };
}

function packages(quantity: bigint, packageSize: number | null): bigint {
  if (packageSize === null || !Number.isSafeInteger(packageSize) || packageSize <= 0) {
    throw new PricingError('invalid_price_terms', 'price', 'package prices need a packageSize above 0');
  }
  const size = BigInt(packageSize);
  return (quantity + size - 1n) / size; // ceil: a started package is a whole package
}

function graduated(price: PriceTerms, quantity: bigint): PeriodCharge {
  const tiers = parseTiers(price.tiers);
  const breakdown = graduatedCharges(tiers, quantity);
  const listPerPeriod = sumCharges(breakdown);
  const firstTier = tiers[0]?.unitAmount ?? ZERO_DECIMAL;
  const scale = Math.max(listPerPeriod.scale, currencyExponent(price.currency) + BLENDED_EXTRA_DIGITS);
  const unitPrice = quantity === 0n ? firstTier : divideDecimal(listPerPeriod, quantity, scale, 'half_up');
  return { listPerPeriod, billableQuantity: quantity, unitPrice, breakdown };
}

function volume(price: PriceTerms, quantity: bigint): PeriodCharge {
  const charge = volumeCharge(parseTiers(price.tiers), quantity);
  return { listPerPeriod: charge.amount, billableQuantity: quantity, unitPrice: charge.unitAmount, breakdown: [charge] };
}

/** The list charge of one period for `quantity` (or `usageQuantity` for usage), per pricing model. */
export function chargeOnePeriod(price: PriceTerms, quantity: bigint, usageQuantity: bigint): PeriodCharge {
  switch (price.pricingModel) {
    case 'flat': return single(1n, unitAmountOf(price));
    case 'per_unit': return single(quantity, unitAmountOf(price));
    case 'usage': return single(usageQuantity, unitAmountOf(price));
    case 'package': return single(packages(quantity, price.packageSize), unitAmountOf(price));
    case 'tiered': return graduated(price, quantity);
    case 'volume': return volume(price, quantity);
  }
}
