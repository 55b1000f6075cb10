/**
 * Calendar dates as whole day numbers (days since 1970-01-01), for counting days in the billing
 * engine's hot loop. Only day counts and comparisons live here; month arithmetic (periods, the
 * month-end clamp) stays in shared/dates so there is one rule for it.
 */
const MS_PER_DAY = 86_400_000;

export function dayNumber(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function dateOfDayNumber(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days in the half-open span [start, end); 0 when empty or inverted. */
export function spanDays(start: number, end: number): number {
  return end > start ? end - start : 0;
}
