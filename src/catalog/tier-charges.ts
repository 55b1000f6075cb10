import type { Decimal } from '../shared/money.ts';
import { addDecimals, integerDecimal, multiplyDecimalByInteger, ZERO_DECIMAL } from './decimal-math.ts';
import { PricingError } from './pricing-error.ts';
import type { PriceTier, TierCharge } from './pricing-types.ts';

type ParsedTier = { upTo: bigint | null; unitAmount: Decimal; flatAmount: Decimal };

/**
 * Tiers as stored are validated on write (ascending, last open); they are checked again here
 * because the engine is also fed snapshots (CPQ) that never passed through setPrice.
 */
export function parseTiers(tiers: readonly PriceTier[] | null): ParsedTier[] {
  if (!tiers || tiers.length === 0) throw new PricingError('invalid_price_terms', 'price', 'tiered and volume prices need tiers');
  let previous = 0n;
  return tiers.map((tier, index) => {
    const last = index === tiers.length - 1;
    const upTo = tier.upTo === null ? null : BigInt(tier.upTo);
    if ((upTo === null) !== last || (upTo !== null && upTo <= previous)) {
      throw new PricingError('invalid_price_terms', 'price', 'tiers must ascend by upTo, and only the last has upTo null');
    }
    previous = upTo ?? previous;
    return { upTo, unitAmount: parsePriceAmount(tier.unitAmount), flatAmount: tier.flatAmount === undefined ? ZERO_DECIMAL : parsePriceAmount(tier.flatAmount) };
  });
}

// The one form prices are stored in (decimalTextSchema, the prices.unit_amount CHECK): unsigned,
// "." separated. Matched here with one compiled pattern because shared/money parseDecimal builds
// a RegExp per call, which was a third of the time of a tiered line; drop this once it caches.
const PRICE_AMOUNT = /^(\d+)(?:\.(\d+))?$/;

/** A stored amount: exact decimal text, never negative (a negative price would make a net negative). */
export function parsePriceAmount(text: string): Decimal {
  const match = PRICE_AMOUNT.exec(text);
  if (!match) throw new PricingError('invalid_price_terms', 'price', `price amounts are unsigned decimals such as "12.50", got ${JSON.stringify(text)}`);
  const fraction = match[2] ?? '';
  return Object.freeze({ coefficient: BigInt((match[1] ?? '') + fraction), scale: fraction.length });
}

/** A tier's flat fee is charged once some units fall in it (so 0 units cost 0 in every model). */
function tierCharge(tierIndex: number, tier: ParsedTier, units: bigint): TierCharge {
  const flatAmount = units > 0n ? tier.flatAmount : ZERO_DECIMAL;
  const amount = addDecimals(multiplyDecimalByInteger(tier.unitAmount, units), flatAmount);
  return { tierIndex, quantity: units, unitAmount: tier.unitAmount, flatAmount, amount };
}

/** Graduated: every unit is priced in the tier it falls in; tier i holds (upTo[i-1], upTo[i]]. */
export function graduatedCharges(tiers: readonly ParsedTier[], quantity: bigint): TierCharge[] {
  const charges: TierCharge[] = [];
  let below = 0n;
  for (const [index, tier] of tiers.entries()) {
    if (quantity <= below) break;
    const upper = tier.upTo === null || tier.upTo > quantity ? quantity : tier.upTo;
    charges.push(tierCharge(index, tier, upper - below));
    below = upper;
  }
  return charges;
}

/** Volume: all units at the tier the total falls in (upTo inclusive, so exactly upTo stays in it). */
export function volumeCharge(tiers: readonly ParsedTier[], quantity: bigint): TierCharge {
  const index = tiers.findIndex((tier) => tier.upTo === null || quantity <= tier.upTo);
  const tier = tiers[index];
  if (!tier) throw new PricingError('invalid_price_terms', 'price', 'no tier covers the quantity');
  return tierCharge(index, tier, quantity);
}

export function sumCharges(charges: readonly TierCharge[]): Decimal {
  return charges.reduce((total, charge) => addDecimals(total, charge.amount), integerDecimal(0n));
}
