import { currencyExponent, parseDecimal } from '../shared/money.ts';
import type { ItemVersionTerms, VersionPlan } from './item-versions.ts';

export type ChangeDirection = 'up' | 'down' | 'neutral' | 'mixed';

/** An item's value per month as an exact fraction of minor units: numerator ÷ denominator. */
type Rate = { numerator: bigint; denominator: bigint };

/**
 * Whether a planned change raises or lowers what the subscription bills (issue #5: a downgrade takes
 * effect at the period end by default). Per item, the value per month of the new terms against the
 * old: an item added raises it, one removed lowers it, a new price, quantity, discount or interval
 * compares the monthly values (a yearly price of 480.00 is lower than 49.00 a month). Usage items
 * compare their unit price. Description or timing alone is neutral. Items moving both ways: mixed.
 */
export function changeDirection(plan: VersionPlan<ItemVersionTerms>, currency: string): ChangeDirection {
  const keys = new Set([...plan.close, ...plan.open].map((version) => version.itemKey));
  let up = false;
  let down = false;
  for (const key of keys) {
    const before = plan.close.find((version) => version.itemKey === key);
    const after = plan.open.find((version) => version.itemKey === key);
    const compared = before === undefined ? 1 : after === undefined ? -1 : compareRates(rateOf(after, currency), rateOf(before, currency));
    if (compared > 0) up = true;
    if (compared < 0) down = true;
  }
  if (up && down) return 'mixed';
  return up ? 'up' : down ? 'down' : 'neutral';
}

function rateOf(version: ItemVersionTerms, currency: string): Rate {
  const keep = BigInt(10_000 - version.discountBps);
  const months = BigInt(version.billingIntervalMonths ?? 1);
  if (version.kind === 'usage') {
    // Per unit: the exact decimal price in minor units (× 10^exponent ÷ 10^scale), less the discount.
    if (version.unitPriceDecimal === null) return { numerator: version.unitPriceMinor * keep, denominator: 10_000n };
    const price = parseDecimal(version.unitPriceDecimal);
    return { numerator: price.coefficient * 10n ** BigInt(currencyExponent(currency)) * keep, denominator: 10n ** BigInt(price.scale) * 10_000n };
  }
  if (version.amountMinor !== undefined && version.amountMinor !== null) return { numerator: version.amountMinor, denominator: months };
  return { numerator: version.unitPriceMinor * version.quantity * keep, denominator: 10_000n * months };
}

function compareRates(a: Rate, b: Rate): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left > right ? 1 : left < right ? -1 : 0;
}
