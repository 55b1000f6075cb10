import { divideRounded } from '../../shared/money.ts';
import { dayNumber } from '../invoicing/day-numbers.ts';
import { netAmountMinor } from '../invoicing/tables.ts';

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

/** A deferred line as both invoices and credit notes carry it. */
type DeferredLine = { line_number: number; amount_minor: bigint; tax_minor: bigint; tax_inclusive: boolean; period_start_date: string | null; period_end_date: string | null };

/** Per deferred line: recognised through the date (cumulative, rounded once) minus what earlier days posted. */
export function recognitionDeltas(lines: readonly DeferredLine[], date: string, recognizedBefore: (lineNumber: number) => bigint): Array<{ lineNumber: number; amountMinor: bigint }> {
  return lines.map((line) => {
    const target = line.period_start_date && line.period_end_date
      ? recognizedThroughMinor({ amountMinor: netAmountMinor(line), startDate: line.period_start_date, endDate: line.period_end_date }, date)
      : netAmountMinor(line);
    return { lineNumber: line.line_number, amountMinor: target - recognizedBefore(line.line_number) };
  }).filter((delta) => delta.amountMinor !== 0n);
}
