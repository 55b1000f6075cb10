import { Temporal } from 'temporal-polyfill';
import { monthKey, parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';

/** The period (calendar month, 'YYYY-MM') an entry date falls in. */
export function periodOf(dateText: string): string {
  return monthKey(parsePlainDate(dateText));
}

export function firstDayOf(period: string): Temporal.PlainDate {
  return parsePlainDate(`${period}-01`);
}

export function nextPeriod(period: string): string {
  return monthKey(firstDayOf(period).add({ months: 1 }));
}

/** A month can be closed once it has ended: closing the current month would refuse today's invoices. */
export function assertPeriodEnded(period: string, today: Temporal.PlainDate): void {
  const end = firstDayOf(period).add({ months: 1 });
  if (Temporal.PlainDate.compare(today, end) < 0) {
    const detail = `Period ${period} has not ended yet; it can be closed from ${toIsoDate(end)}`;
    throw new AppError('business_rule_violated', detail, { extra: { period }, fieldErrors: [{ field: 'params.period', message: `has not ended yet; it can be closed from ${toIsoDate(end)}` }] });
  }
}

/**
 * Reversal date rule (docs/ledger.md): a reversal is dated like the entry it reverses, so reports
 * after that date show neither; if that month is closed, it is dated the first day of the first
 * open month after it (the closed month's reports stay as they were signed off).
 */
export function defaultReversalDate(originalDate: string, closedPeriods: ReadonlySet<string>): string {
  let period = periodOf(originalDate);
  if (!closedPeriods.has(period)) return originalDate;
  while (closedPeriods.has(period)) period = nextPeriod(period);
  return toIsoDate(firstDayOf(period));
}
