import { addDecimals, integerDecimal, MoneyError, multiplyDecimalByInteger, parseDecimal, ZERO_DECIMAL, type Decimal } from '../shared/money.ts';
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

const isAsciiDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/**
 * A stored amount: exact decimal text, never negative (a negative price would make a net negative).
 * The one form prices are stored in (decimalTextSchema, the prices.unit_amount CHECK) is unsigned
 * and "." separated. parseDecimal also takes a sign and surrounding whitespace, so a digit is
 * required at both ends first: what is left is exactly what parseDecimal accepts.
 */
export function parsePriceAmount(text: string): Decimal {
  const invalid = () => new PricingError('invalid_price_terms', 'price', `price amounts are unsigned decimals such as "12.50", got ${JSON.stringify(text)}`);
  if (!isAsciiDigit(text.at(0)) || !isAsciiDigit(text.at(-1))) throw invalid();
  try {
    return parseDecimal(text);
  } catch (error) {
    if (error instanceof MoneyError) throw invalid();
    throw error;
  }
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
