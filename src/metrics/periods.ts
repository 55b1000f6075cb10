import { AppError, type FieldError } from '../shared/errors.ts';
import { monthKey, parseMonthKey } from './month-numbers.ts';

export const INTERVALS = ['month', 'quarter', 'year', 'all'] as const;
export type Interval = (typeof INTERVALS)[number];

/** One reporting period: the months [startMonth, endMonth], both inclusive (month indexes). */
export type Period = { key: string; startMonth: number; endMonth: number };

const STEP_MONTHS: Record<Exclude<Interval, 'all'>, number> = { month: 1, quarter: 3, year: 12 };
// Guard: a report over centuries is a typo, and its matrix would not fit in memory.
const MAX_MONTHS = 1200;

/**
 * The periods from `from` to `to` ('YYYY-MM', both inclusive). Quarters and years are calendar
 * ones, so with those intervals `from` must open one and `to` must close one: a report of
 * "Q1" that silently covered February to April would mislead more than an error does.
 */
export function planPeriods(from: string, to: string, interval: Interval): Period[] {
  const fromMonth = parseMonthKey(from);
  const toMonth = parseMonthKey(to);
  const errors: FieldError[] = [];
  if (fromMonth === undefined) errors.push({ field: 'querystring.from', message: 'expected a month as YYYY-MM' });
  if (toMonth === undefined) errors.push({ field: 'querystring.to', message: 'expected a month as YYYY-MM' });
  if (fromMonth !== undefined && toMonth !== undefined) errors.push(...rangeProblems(fromMonth, toMonth, interval));
  if (errors.length > 0 || fromMonth === undefined || toMonth === undefined) {
    throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
  }
  if (interval === 'all') return [{ key: 'all', startMonth: fromMonth, endMonth: toMonth }];
  const step = STEP_MONTHS[interval];
  const periods: Period[] = [];
  for (let start = fromMonth; start <= toMonth; start += step) periods.push({ key: periodKey(start, interval), startMonth: start, endMonth: start + step - 1 });
  return periods;
}

function rangeProblems(fromMonth: number, toMonth: number, interval: Interval): FieldError[] {
  if (toMonth < fromMonth) return [{ field: 'querystring.to', message: 'is before from' }];
  if (toMonth - fromMonth + 1 > MAX_MONTHS) return [{ field: 'querystring.to', message: `a report covers at most ${MAX_MONTHS} months` }];
  if (interval === 'all' || interval === 'month') return [];
  const step = STEP_MONTHS[interval];
  const problems: FieldError[] = [];
  if (fromMonth % step !== 0) problems.push({ field: 'querystring.from', message: `must be the first month of a calendar ${interval}` });
  if ((toMonth + 1) % step !== 0) problems.push({ field: 'querystring.to', message: `must be the last month of a calendar ${interval}` });
  return problems;
}

function periodKey(startMonth: number, interval: Exclude<Interval, 'all'>): string {
  const year = String(Math.floor(startMonth / 12)).padStart(4, '0');
  if (interval === 'year') return year;
  if (interval === 'quarter') return `${year}-Q${Math.floor((startMonth % 12) / 3) + 1}`;
  return monthKey(startMonth);
}

/** The period containing a month, or -1: a lookup for bucketing records by date. */
export function periodIndexOfMonth(periods: readonly Period[], month: number): number {
  const first = periods[0];
  if (!first || month < first.startMonth) return -1;
  const span = first.endMonth - first.startMonth + 1;
  const index = Math.floor((month - first.startMonth) / span);
  return index < periods.length ? index : -1;
}
