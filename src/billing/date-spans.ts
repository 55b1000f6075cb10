import { parsePlainDate, toIsoDate } from '../shared/dates.ts';

// Billing keeps calendar dates as 'YYYY-MM-DD' text (the way the database returns them). With
// four-digit years, which plainDateSchema guarantees, text order is date order, so comparisons
// need no parsing. Periods are half-open [from, to): `to` is the first day outside (STYLE.md "Dates").

export function compareDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** [from, to) contains date; a null `to` is open-ended. */
export function spanContains(from: string, to: string | null, date: string): boolean {
  return from <= date && (to === null || date < to);
}

/** Two half-open spans share at least one day. */
export function spansOverlap(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}

export function addDays(date: string, days: number): string {
  return toIsoDate(parsePlainDate(date).add({ days }));
}

/**
 * Import mappings often give the last day of service (inclusive); Revline stores the first day
 * without service (exclusive), so the conversion adds one day (metrics rule: "an imported
 * subscription's end date is its last active day unless the mapping says otherwise").
 */
export function exclusiveEndFromLastActiveDay(lastActiveDate: string): string {
  return addDays(lastActiveDate, 1);
}
