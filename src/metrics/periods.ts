import { AppError, type FieldError } from '../shared/errors.ts';
import { addDaysToDate, daysBetween, firstDateOfMonth, lastDateOfMonth, monthKey, monthOfDate, parseMonthKey } from './month-numbers.ts';

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year', 'all'] as const;
export type Interval = (typeof INTERVALS)[number];
/** Intervals of whole months: what the month-end MRR engine can report. */
export const MONTH_INTERVALS: readonly Interval[] = ['month', 'quarter', 'year', 'all'];

/**
 * One reporting period: the dates [startDate, endDate], both inclusive. startMonth and endMonth are
 * their months (the MRR engine's snapshots); for day and week periods only dates are meaningful.
 */
export type Period = { key: string; startMonth: number; endMonth: number; startDate: string; endDate: string };
// Guard: a daily report over decades is a typo (and one point per day and series).
const MAX_DAY_PERIODS = 3700;

const STEP_MONTHS: Record<'month' | 'quarter' | 'year', number> = { month: 1, quarter: 3, year: 12 };
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
  if (interval === 'day' || interval === 'week') return datePeriods(firstDateOfMonth(fromMonth), lastDateOfMonth(toMonth), interval);
  const monthPeriod = (key: string, startMonth: number, endMonth: number): Period => ({ key, startMonth, endMonth, startDate: firstDateOfMonth(startMonth), endDate: lastDateOfMonth(endMonth) });
  if (interval === 'all') return [monthPeriod('all', fromMonth, toMonth)];
  const step = STEP_MONTHS[interval];
  const periods: Period[] = [];
  for (let start = fromMonth; start <= toMonth; start += step) periods.push(monthPeriod(periodKey(start, interval), start, start + step - 1));
  return periods;
}

/**
 * Days, or ISO weeks (Monday to Sunday, keyed 2024-W10 by ISO week-year) covering the range: the
 * first and last week are whole weeks, so they may reach outside the months asked for.
 */
function datePeriods(fromDate: string, toDate: string, interval: 'day' | 'week'): Period[] {
  const step = interval === 'day' ? 1 : 7;
  // 1970-01-05 was a Monday: whole weeks count from it.
  const start = interval === 'day' ? fromDate : addDaysToDate(fromDate, -(((daysBetween('1970-01-05', fromDate) % 7) + 7) % 7));
  const periods: Period[] = [];
  for (let day = start; day <= toDate; day = addDaysToDate(day, step)) {
    const endDate = addDaysToDate(day, step - 1);
    periods.push({ key: interval === 'day' ? day : isoWeekKey(day), startMonth: monthOfDate(day), endMonth: monthOfDate(endDate), startDate: day, endDate });
  }
  return periods;
}

/** ISO 8601 week of a Monday: its week-year is the year of its Thursday. */
function isoWeekKey(monday: string): string {
  const thursday = addDaysToDate(monday, 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function rangeProblems(fromMonth: number, toMonth: number, interval: Interval): FieldError[] {
  if (toMonth < fromMonth) return [{ field: 'querystring.to', message: 'is before from' }];
  if (toMonth - fromMonth + 1 > MAX_MONTHS) return [{ field: 'querystring.to', message: `a report covers at most ${MAX_MONTHS} months` }];
  if (interval === 'day' && daysBetween(firstDateOfMonth(fromMonth), lastDateOfMonth(toMonth)) >= MAX_DAY_PERIODS) {
    return [{ field: 'querystring.to', message: `a daily report covers at most ${MAX_DAY_PERIODS} days` }];
  }
  if (interval === 'all' || interval === 'month' || interval === 'day' || interval === 'week') return [];
  const step = STEP_MONTHS[interval];
  const problems: FieldError[] = [];
  if (fromMonth % step !== 0) problems.push({ field: 'querystring.from', message: `must be the first month of a calendar ${interval}` });
  if ((toMonth + 1) % step !== 0) problems.push({ field: 'querystring.to', message: `must be the last month of a calendar ${interval}` });
  return problems;
}

function periodKey(startMonth: number, interval: 'month' | 'quarter' | 'year'): string {
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

/** The period containing a date ('YYYY-MM-DD'), or -1: periods are consecutive, so a binary search on their start. */
export function periodIndexOfDate(periods: readonly Period[], date: string): number {
  let low = 0;
  let high = periods.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const period = periods[middle] as Period;
    if (date < period.startDate) high = middle - 1;
    else if (date > period.endDate) low = middle + 1;
    else return middle;
  }
  return -1;
}
