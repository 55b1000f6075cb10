import { afterEach, describe, expect, it } from 'vitest';
import { isCalendarDate, todayLocalDate } from './calendar-date.ts';

describe('calendar dates', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('isCalendarDate takes real days only', () => {
    expect(['2026-01-31', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '26-01-01', ''].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it("todayLocalDate is the day on the user's own calendar, not UTC's (Berlin at 00:30 on New Year's Day)", () => {
    expect(todayLocalDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    process.env['TZ'] = 'Europe/Berlin';
    const halfPastMidnightInBerlin = new Date(Date.UTC(2025, 11, 31, 23, 30));
    expect(todayLocalDate(halfPastMidnightInBerlin)).toBe('2026-01-01');
    process.env['TZ'] = 'America/Los_Angeles';
    expect(todayLocalDate(halfPastMidnightInBerlin)).toBe('2025-12-31');
  });
});
