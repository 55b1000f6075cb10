import { Temporal } from 'temporal-polyfill';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeClock, fixedClock, systemClock } from './clock.ts';

const instant = (text: string) => Temporal.Instant.from(text);

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the system time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-10T23:30:00Z'));
    expect(systemClock.now().toString()).toBe('2025-03-10T23:30:00Z');
    expect(systemClock.today().toString()).toBe('2025-03-10');
    expect(systemClock.today('Europe/Berlin').toString()).toBe('2025-03-11');
  });

  it('tracks real time', () => {
    const before = Date.now();
    const now = systemClock.now().epochMilliseconds;
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('fixedClock', () => {
  it('always answers the same instant, dated in the asked time zone (UTC by default)', () => {
    const clock = fixedClock('2024-12-31T23:00:00Z');
    expect(clock.now().equals(instant('2024-12-31T23:00:00Z'))).toBe(true);
    expect(clock.now().equals(clock.now())).toBe(true);
    expect(clock.today().toString()).toBe('2024-12-31');
    expect(clock.today('UTC').toString()).toBe('2024-12-31');
    expect(clock.today('Asia/Tokyo').toString()).toBe('2025-01-01');
    expect(clock.today('America/Los_Angeles').toString()).toBe('2024-12-31');
    expect(clock.today('+02:00').toString()).toBe('2025-01-01');
  });

  it('accepts an Instant and rejects unknown time zones', () => {
    const clock = fixedClock(instant('2024-01-01T00:00:00Z'));
    expect(clock.today().toString()).toBe('2024-01-01');
    expect(() => clock.today('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('createFakeClock', () => {
  it('advances by time and calendar units (calendar units in UTC)', () => {
    const clock = createFakeClock('2024-01-31T12:00:00Z');
    expect(clock.today().toString()).toBe('2024-01-31');
    clock.advance({ hours: 12 });
    expect(clock.now().toString()).toBe('2024-02-01T00:00:00Z');
    // today() follows every move, also one of hours across midnight.
    expect(clock.today().toString()).toBe('2024-02-01');
    expect(clock.today('America/Los_Angeles').toString()).toBe('2024-01-31');
    clock.advance({ days: 1, minutes: 30 });
    expect(clock.now().toString()).toBe('2024-02-02T00:30:00Z');
    clock.advance('P1M');
    expect(clock.now().toString()).toBe('2024-03-02T00:30:00Z');
    expect(clock.today()).toEqual(Temporal.PlainDate.from('2024-03-02'));
  });

  it('clamps months like the calendar', () => {
    const clock = createFakeClock('2024-01-31T00:00:00Z');
    clock.advance({ months: 1 });
    expect(clock.today().toString()).toBe('2024-02-29');
  });

  it('refuses to run backwards except through set()', () => {
    const clock = createFakeClock(instant('2024-05-01T00:00:00Z'));
    expect(() => clock.advance({ seconds: -1 })).toThrow(RangeError);
    expect(clock.now().toString()).toBe('2024-05-01T00:00:00Z');
    clock.set('2020-02-29T10:00:00Z');
    expect(clock.now().toString()).toBe('2020-02-29T10:00:00Z');
    clock.set(instant('2030-01-01T00:00:00Z'));
    expect(clock.today('America/New_York').toString()).toBe('2029-12-31');
  });

  it('keeps separate clocks independent', () => {
    const a = createFakeClock('2024-01-01T00:00:00Z');
    const b = createFakeClock('2024-01-01T00:00:00Z');
    a.advance({ days: 3 });
    expect(b.today().toString()).toBe('2024-01-01');
    expect(a.today().toString()).toBe('2024-01-04');
  });
});
