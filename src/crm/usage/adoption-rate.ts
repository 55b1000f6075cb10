import { divideRounded, formatDecimal } from '../../shared/money.ts';

export type AdoptionRate = { numerator: number; denominator: number; percent: string };

/**
 * Active users over licensed seats as the exact fraction (not reduced: the numbers mean
 * something) plus a percentage rounded half-even to two decimals for display. No seats, no rate:
 * null rather than a division by zero. Above 100% is kept: it is the over-use signal.
 */
export function adoptionRate(activeUsers: number, licensedSeats: number): AdoptionRate | null {
  if (licensedSeats === 0) return null;
  const hundredthsOfPercent = divideRounded(BigInt(activeUsers) * 10_000n, BigInt(licensedSeats), 'half_even');
  return { numerator: activeUsers, denominator: licensedSeats, percent: formatDecimal({ coefficient: hundredthsOfPercent, scale: 2 }) };
}
