import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  DateError, addMonthsFromAnchor, createPeriod, daysInMonth, daysInPeriod, endOfMonthInclusive, isLeapYear, monthKey,
  nthPeriod, overlapDays, parsePlainDate, periodContains, periodIndexContaining, quarterKey, startOfMonth, toIsoDate,
  type Period,
} from './dates.ts';

const d = (text: string) => parsePlainDate(text);
const iso = (period: Period) => [toIsoDate(period.startDate), toIsoDate(period.endDate)];
const compareDates = Temporal.PlainDate.compare;

// Dates from 1900 to 2199, generated as day offsets so every calendar day is reachable.
const EPOCH = Temporal.PlainDate.from('1900-01-01');
const arbDate = fc.integer({ min: 0, max: 109_572 }).map((days) => EPOCH.add({ days }));
const arbPeriod = fc.tuple(arbDate, fc.integer({ min: 0, max: 800 })).map(([start, length]) => createPeriod(start, start.add({ days: length })));
const arbInterval = fc.constantFrom(1, 2, 3, 6, 12, 24);

function expectDateError(action: () => unknown, code: DateError['code']): DateError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DateError);
  expect((caught as DateError).code).toBe(code);
  return caught as DateError;
}

describe('parsePlainDate', () => {
  it('parses strict YYYY-MM-DD', () => {
    expect(d('2024-02-29').equals(Temporal.PlainDate.from({ year: 2024, month: 2, day: 29 }))).toBe(true);
    expect(toIsoDate(d('0001-01-01'))).toBe('0001-01-01');
  });

  it.each([
    '', '2025-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-2-3', '2025-02-3', '25-02-03', '2025/02/03',
    '2025-02-03T00:00', '2025-02-03Z', ' 2025-02-03', '2025-02-03 ', '+002025-02-03', '20250203', '2025-W05-1', 'today',
  ])('rejects %j with invalid_date naming the value', (text) => {
    const error = expectDateError(() => parsePlainDate(text), 'invalid_date');
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.details).toEqual({ value: text });
  });

  it('round-trips through toIsoDate (property)', () => {
    fc.assert(fc.property(arbDate, (date) => {
      expect(parsePlainDate(toIsoDate(date)).equals(date)).toBe(true);
      expect(toIsoDate(date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }));
  });
});

describe('periods', () => {
  const january = createPeriod(d('2024-01-01'), d('2024-02-01'));

  it('are half-open', () => {
    expect(daysInPeriod(january)).toBe(31);
    expect(periodContains(january, d('2024-01-01'))).toBe(true);
    expect(periodContains(january, d('2024-01-31'))).toBe(true);
    expect(periodContains(january, d('2024-02-01'))).toBe(false);
    expect(periodContains(january, d('2023-12-31'))).toBe(false);
    expect(daysInPeriod(createPeriod(d('2024-02-01'), d('2024-03-01')))).toBe(29);
    expect(daysInPeriod(createPeriod(d('2024-01-01'), d('2025-01-01')))).toBe(366);
  });

  it('allow empty but not inverted periods', () => {
    const empty = createPeriod(d('2024-01-01'), d('2024-01-01'));
    expect(daysInPeriod(empty)).toBe(0);
    expect(periodContains(empty, d('2024-01-01'))).toBe(false);
    const error = expectDateError(() => createPeriod(d('2024-01-02'), d('2024-01-01')), 'invalid_period');
    expect(error.details).toEqual({ startDate: '2024-01-02', endDate: '2024-01-01' });
  });

  it('count overlapping days', () => {
    const midJanToMidFeb = createPeriod(d('2024-01-15'), d('2024-02-15'));
    expect(overlapDays(january, midJanToMidFeb)).toBe(17);
    expect(overlapDays(january, createPeriod(d('2024-02-01'), d('2024-03-01')))).toBe(0); // touching, not overlapping
    expect(overlapDays(january, createPeriod(d('2023-01-01'), d('2023-02-01')))).toBe(0);
    expect(overlapDays(january, createPeriod(d('2024-01-10'), d('2024-01-12')))).toBe(2);
  });

  it('overlap is symmetric, bounded by each length and matches a day count (property)', () => {
    fc.assert(fc.property(arbPeriod, arbPeriod, (a, b) => {
      const overlap = overlapDays(a, b);
      expect(overlap).toBe(overlapDays(b, a));
      expect(overlap).toBeGreaterThanOrEqual(0);
      expect(overlap).toBeLessThanOrEqual(daysInPeriod(a));
      expect(overlap).toBeLessThanOrEqual(daysInPeriod(b));
      expect(overlapDays(a, a)).toBe(daysInPeriod(a));
    }), { numRuns: 200 });
  });

  it('overlap equals the number of days both periods contain (property, small periods)', () => {
    const arbSmall = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 40 }))
      .map(([offset, length]) => createPeriod(d('2024-02-01').add({ days: offset }), d('2024-02-01').add({ days: offset + length })));
    fc.assert(fc.property(arbSmall, arbSmall, (a, b) => {
      let shared = 0;
      for (let day = a.startDate; compareDates(day, a.endDate) < 0; day = day.add({ days: 1 })) {
        if (periodContains(b, day)) shared += 1;
      }
      expect(overlapDays(a, b)).toBe(shared);
    }));
  });
});

describe('anchor-based months', () => {
  it('clamps to month end, always from the anchor', () => {
    const anchor = d('2024-01-31');
    const months = [0, 1, 2, 3, 4, 13].map((n) => toIsoDate(addMonthsFromAnchor(anchor, n)));
    expect(months).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2025-02-28']);
    expect(toIsoDate(addMonthsFromAnchor(anchor, -2))).toBe('2023-11-30');
    expect(() => addMonthsFromAnchor(anchor, 1.5)).toThrow(RangeError);
  });

  it('builds the n-th billing period', () => {
    const anchor = d('2024-01-31');
    expect(iso(nthPeriod(anchor, 0, 1))).toEqual(['2024-01-31', '2024-02-29']);
    expect(iso(nthPeriod(anchor, 1, 1))).toEqual(['2024-02-29', '2024-03-31']);
    expect(iso(nthPeriod(anchor, 2, 1))).toEqual(['2024-03-31', '2024-04-30']);
    expect(iso(nthPeriod(anchor, 1, 3))).toEqual(['2024-04-30', '2024-07-31']);
    expect(iso(nthPeriod(d('2024-02-29'), 1, 12))).toEqual(['2025-02-28', '2026-02-28']);
    expect(iso(nthPeriod(d('2024-02-29'), 4, 12))).toEqual(['2028-02-29', '2029-02-28']);
    expect(iso(nthPeriod(anchor, -1, 1))).toEqual(['2023-12-31', '2024-01-31']);
    expect(() => nthPeriod(anchor, 0, 0)).toThrow(RangeError);
    expect(() => nthPeriod(anchor, 0, 1.5)).toThrow(RangeError);
  });

  it('finds the period containing a date', () => {
    const anchor = d('2024-01-31');
    expect(periodIndexContaining(anchor, 1, d('2024-01-31'))).toBe(0);
    expect(periodIndexContaining(anchor, 1, d('2024-02-28'))).toBe(0);
    expect(periodIndexContaining(anchor, 1, d('2024-02-29'))).toBe(1);
    expect(periodIndexContaining(anchor, 1, d('2024-03-30'))).toBe(1);
    expect(periodIndexContaining(anchor, 1, d('2024-03-31'))).toBe(2);
    expect(periodIndexContaining(anchor, 1, d('2024-01-30'))).toBe(-1);
    expect(periodIndexContaining(anchor, 12, d('2026-01-30'))).toBe(1);
    expect(periodIndexContaining(anchor, 12, d('2026-01-31'))).toBe(2);
  });

  it('consecutive periods tile without gaps or overlaps (property)', () => {
    fc.assert(fc.property(arbDate, arbInterval, fc.integer({ min: -50, max: 50 }), (anchor, interval, n) => {
      const current = nthPeriod(anchor, n, interval);
      const next = nthPeriod(anchor, n + 1, interval);
      expect(next.startDate.equals(current.endDate)).toBe(true);
      expect(compareDates(current.startDate, current.endDate)).toBeLessThan(0);
      expect(overlapDays(current, next)).toBe(0);
      const months = current.startDate.until(current.endDate, { largestUnit: 'months' });
      expect(months.years * 12 + months.months === interval || months.years * 12 + months.months === interval - 1).toBe(true);
    }));
  });

  it('periods from an anchor on the 31st start on the 31st or the last day of a shorter month (property)', () => {
    const arbAnchor31 = fc.integer({ min: 1900, max: 2199 }).chain((year) => fc.constantFrom(1, 3, 5, 7, 8, 10, 12)
      .map((month) => Temporal.PlainDate.from({ year, month, day: 31 })));
    fc.assert(fc.property(arbAnchor31, arbInterval, fc.integer({ min: -100, max: 100 }), (anchor, interval, n) => {
      const { startDate } = nthPeriod(anchor, n, interval);
      expect(startDate.day === anchor.day || startDate.day === startDate.daysInMonth).toBe(true);
      expect(startDate.day).toBe(startDate.daysInMonth); // every month ends on or before the 31st
    }));
  });

  it('periodIndexContaining finds the one period that contains the date (property)', () => {
    fc.assert(fc.property(arbDate, arbInterval, arbDate, (anchor, interval, date) => {
      const index = periodIndexContaining(anchor, interval, date);
      expect(periodContains(nthPeriod(anchor, index, interval), date)).toBe(true);
      expect(periodContains(nthPeriod(anchor, index - 1, interval), date)).toBe(false);
      expect(periodContains(nthPeriod(anchor, index + 1, interval), date)).toBe(false);
    }));
  });
});

describe('calendar helpers', () => {
  it('finds month boundaries', () => {
    expect(toIsoDate(startOfMonth(d('2024-02-17')))).toBe('2024-02-01');
    expect(toIsoDate(endOfMonthInclusive(d('2024-02-17')))).toBe('2024-02-29');
    expect(toIsoDate(endOfMonthInclusive(d('2023-02-01')))).toBe('2023-02-28');
    expect(toIsoDate(endOfMonthInclusive(d('2024-12-31')))).toBe('2024-12-31');
  });

  it('makes month and quarter keys', () => {
    expect(monthKey(d('2024-01-31'))).toBe('2024-01');
    expect(monthKey(d('0999-12-01'))).toBe('0999-12');
    const quarters = ['01', '03', '04', '06', '07', '09', '10', '12'].map((month) => quarterKey(d(`2024-${month}-15`)));
    expect(quarters).toEqual(['2024-Q1', '2024-Q1', '2024-Q2', '2024-Q2', '2024-Q3', '2024-Q3', '2024-Q4', '2024-Q4']);
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2024, 4), daysInMonth(2024, 12)]).toEqual([29, 28, 30, 31]);
    expect(() => daysInMonth(2024, 13)).toThrow(RangeError);
    expect(() => daysInMonth(2024, 0)).toThrow(RangeError);
  });

  it('month helpers agree with Temporal (property)', () => {
    fc.assert(fc.property(arbDate, (date) => {
      expect(isLeapYear(date.year)).toBe(date.inLeapYear);
      expect(daysInMonth(date.year, date.month)).toBe(date.daysInMonth);
      expect(endOfMonthInclusive(date).add({ days: 1 }).equals(startOfMonth(date).add({ months: 1 }))).toBe(true);
      expect(monthKey(date)).toBe(toIsoDate(date).slice(0, 7));
      expect(periodContains(createPeriod(startOfMonth(date), endOfMonthInclusive(date).add({ days: 1 })), date)).toBe(true);
    }));
  });
});
