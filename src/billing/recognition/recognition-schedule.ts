import { divideRounded } from '../../shared/money.ts';
import { dayNumber } from '../invoicing/day-numbers.ts';

/**
 * Deferred revenue recognised through `date` (inclusive) for one line: ratably by day over the
 * line's service span [start, end), cumulative and rounded half-up once, so the daily amounts of
 * a line always add up to the line (docs/billing.md "Ledger").
 */
export function recognizedThroughMinor(line: { amountMinor: bigint; startDate: string; endDate: string }, date: string): bigint {
  const spanDays = dayNumber(line.endDate) - dayNumber(line.startDate);
  if (spanDays <= 0) return line.amountMinor;
  const elapsed = Math.min(spanDays, Math.max(0, dayNumber(date) + 1 - dayNumber(line.startDate)));
  return divideRounded(line.amountMinor * BigInt(elapsed), BigInt(spanDays), 'half_up');
}
