import { divideRounded, type Decimal, type RoundingMode } from '../shared/money.ts';

/**
 * The few exact operations on shared/money's Decimal that pricing needs and money.ts does not
 * (yet) offer: sums, integer multiples, comparison. Nothing here rounds except
 * divideDecimal, which names its mode. Move to src/shared/money.ts once another domain needs them.
 */
export const ZERO_DECIMAL: Decimal = Object.freeze({ coefficient: 0n, scale: 0 });

export function integerDecimal(value: bigint): Decimal {
  return Object.freeze({ coefficient: value, scale: 0 });
}

function rescale(d: Decimal, scale: number): bigint {
  return d.coefficient * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return Object.freeze({ coefficient: rescale(a, scale) + rescale(b, scale), scale });
}

export function multiplyDecimalByInteger(d: Decimal, factor: bigint): Decimal {
  return Object.freeze({ coefficient: d.coefficient * factor, scale: d.scale });
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** d ÷ divisor at `scale` fraction digits, rounded once by `mode` (display values only). */
export function divideDecimal(d: Decimal, divisor: bigint, scale: number, mode: RoundingMode): Decimal {
  const numerator = scale >= d.scale ? d.coefficient * 10n ** BigInt(scale - d.scale) : d.coefficient;
  const denominator = scale >= d.scale ? divisor : divisor * 10n ** BigInt(d.scale - scale);
  return Object.freeze({ coefficient: divideRounded(numerator, denominator, mode), scale });
}
