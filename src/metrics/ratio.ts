import { divideRounded } from '../shared/money.ts';

/** Ratios are fractions rounded half-even to 4 decimals (0.6315); numerator and denominator travel beside them. */
export const RATIO_DECIMALS = 4;
const SCALE = 10n ** BigInt(RATIO_DECIMALS);

/** null when the denominator is 0: a rate of nothing is not 0 %, it is undefined. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(divideRounded(BigInt(numerator) * SCALE, BigInt(denominator), 'half_even')) / Number(SCALE);
}

/** An integer quotient rounded half-even (ARPA in minor units). */
export function roundedQuotient(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(divideRounded(BigInt(numerator), BigInt(denominator), 'half_even'));
}

/** A mean rounded half-even to 2 decimals (days). */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const total = values.reduce((sum, value) => sum + value, 0);
  return Number(divideRounded(BigInt(total) * 100n, BigInt(values.length), 'half_even')) / 100;
}

/** The middle value; with an even count the mean of the two middle ones (so it may end in .5). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
