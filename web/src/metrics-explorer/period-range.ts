import type { Interval } from './metrics-api.ts';

/** Month arithmetic on 'YYYY-MM' keys (the metrics API's from/to); no time zone enters a month key. */
export type MonthRange = { from: string; to: string };
export const PERIOD_PRESETS = ['last12Months', 'thisYear', 'lastYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH_KEY.test(value);
}

function toIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function fromIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: string, count: number): string {
  return fromIndex(toIndex(month) + count);
}

/** This month in the browser's calendar (the user's "now"). */
export function currentMonth(now: Date = new Date()): string {
  return fromIndex(now.getFullYear() * 12 + now.getMonth());
}

export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date = new Date()): MonthRange {
  const month = currentMonth(now);
  const year = month.slice(0, 4);
  if (preset === 'thisYear') return { from: `${year}-01`, to: `${year}-12` };
  if (preset === 'lastYear') return { from: `${Number(year) - 1}-01`, to: `${Number(year) - 1}-12` };
  return { from: addMonths(month, -11), to: month };
}

/** The preset a range is, if any (so a shared link shows "Last 12 months" rather than "Custom"). */
export function presetOf(range: MonthRange, now: Date = new Date()): PeriodPreset {
  for (const preset of ['last12Months', 'thisYear', 'lastYear'] as const) {
    const candidate = presetRange(preset, now);
    if (candidate.from === range.from && candidate.to === range.to) return preset;
  }
  return 'custom';
}

/**
 * Quarters and years are calendar ones on the server (from must open one, to must close one):
 * widen the range to whole quarters or years rather than send a request that is refused.
 */
export function alignRange(range: MonthRange, interval: Interval): MonthRange {
  const step = interval === 'quarter' ? 3 : interval === 'year' ? 12 : 1;
  // Only the months: callers spread the answer over a whole state (the explorer's withMetric), and
  // the state itself would put back every field it had, the metric just changed among them.
  if (step === 1) return { from: range.from, to: range.to };
  const from = toIndex(range.from);
  const to = toIndex(range.to);
  return { from: fromIndex(from - (from % step)), to: fromIndex(to - (to % step) + step - 1) };
}

function isoWeekMonday(year: number, week: number): Date {
  const fourth = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(fourth);
  monday.setUTCDate(4 - ((fourth.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday;
}

function monthOfUtc(date: Date): string {
  return fromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

/** The months a period key covers ('2024-03', '2024-Q1', '2024', '2024-W10', '2024-03-05', 'all'). */
export function monthsOfPeriod(period: string, range: MonthRange): MonthRange {
  if (isMonthKey(period)) return { from: period, to: period };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const first = `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}`;
    return { from: first, to: addMonths(first, 2) };
  }
  if (/^\d{4}$/.test(period)) return { from: `${period}-01`, to: `${period}-12` };
  const day = /^(\d{4}-\d{2})-\d{2}$/.exec(period);
  if (day?.[1]) return { from: day[1], to: day[1] };
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
    const sunday = new Date(monday);
    sunday.setUTCDate(monday.getUTCDate() + 6);
    return { from: monthOfUtc(monday), to: monthOfUtc(sunday) };
  }
  return range;
}

/** The last day of a month key, for "as of" requests (AR aging at the end of the report). */
export function lastDateOfMonth(month: string): string {
  const next = toIndex(month) + 1;
  const date = new Date(Date.UTC(Math.floor(next / 12), next % 12, 0));
  return date.toISOString().slice(0, 10);
}
