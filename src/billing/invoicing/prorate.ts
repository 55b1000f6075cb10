import { divideRounded } from '../../shared/money.ts';

export type ProrationInput = {
  unitPriceMinor: bigint;
  quantity: bigint;
  discountBps: number;
  /** Exact net amount of a whole period for the whole quantity; when set, replaces price × quantity × (1 − discount). */
  amountMinor?: bigint | null | undefined;
  /** Billable days of the piece. */
  days: number;
  /** Days of the full billing period that contains the piece (28–31, 90–92, 365/366, …). */
  periodDays: number;
};

/**
 * The value of a piece of a billing period (docs/billing.md "Proration"): price × quantity ×
 * (1 − discount) × days ÷ period days, computed exactly and rounded half-up to the minor unit
 * once. An item with an exact period amount (docs/billing.md "Exact amounts") uses amount × days ÷
 * period days instead, rounded the same way. A whole period is the full price with no rounding at all.
 */
export function proratedAmountMinor(input: ProrationInput): bigint {
  if (input.periodDays <= 0 || input.days < 0 || input.days > input.periodDays) {
    throw new RangeError(`cannot prorate ${input.days} of ${input.periodDays} days`);
  }
  if (input.amountMinor !== undefined && input.amountMinor !== null) {
    return divideRounded(input.amountMinor * BigInt(input.days), BigInt(input.periodDays), 'half_up');
  }
  const numerator = input.unitPriceMinor * input.quantity * BigInt(10_000 - input.discountBps) * BigInt(input.days);
  return divideRounded(numerator, 10_000n * BigInt(input.periodDays), 'half_up');
}
