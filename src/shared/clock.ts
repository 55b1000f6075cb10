/**
 * The only way code learns the time (STYLE.md "Dates"): services take `ctx.clock`, scenario tests
 * move a fake one. Time zones enter here and nowhere else, through today(timeZone).
 */
import { Temporal } from 'temporal-polyfill';

export interface Clock {
  now(): Temporal.Instant;
  /** The calendar date at this instant in `timeZone` (an IANA name or offset); defaults to UTC. */
  today(timeZone?: string): Temporal.PlainDate;
}

export interface FakeClock extends Clock {
  /** Moves forward; calendar units (days, months) are applied in UTC so a "month" is a calendar month. */
  advance(duration: Temporal.DurationLike): void;
  /** Jumps to any instant, backwards included. */
  set(instant: Temporal.Instant | string): void;
}

export const DEFAULT_TIME_ZONE = 'UTC';

function toInstant(instant: Temporal.Instant | string): Temporal.Instant {
  return typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
}

function dateAt(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

/** Reads Date.now(): the one place in the code base that does. */
export const systemClock: Clock = Object.freeze({
  now: (): Temporal.Instant => Temporal.Instant.fromEpochMilliseconds(Date.now()),
  today: (timeZone: string = DEFAULT_TIME_ZONE): Temporal.PlainDate => dateAt(systemClock.now(), timeZone),
});

export function fixedClock(instant: Temporal.Instant | string): Clock {
  const fixed = toInstant(instant);
  return Object.freeze({
    now: () => fixed,
    today: (timeZone: string = DEFAULT_TIME_ZONE) => dateAt(fixed, timeZone),
  });
}

export function createFakeClock(start: Temporal.Instant | string): FakeClock {
  let current = toInstant(start);
  // The last answer of today(): the clock stands still between moves and is asked often (the demo
  // asks thousands of times a simulated day); converting an instant to a date is slow in the polyfill.
  let lastToday: { at: Temporal.Instant; timeZone: string; date: Temporal.PlainDate } | null = null;
  return {
    now: () => current,
    today: (timeZone: string = DEFAULT_TIME_ZONE) => {
      if (lastToday?.at !== current || lastToday.timeZone !== timeZone) lastToday = { at: current, timeZone, date: dateAt(current, timeZone) };
      return lastToday.date;
    },
    advance(duration: Temporal.DurationLike): void {
      const step = Temporal.Duration.from(duration);
      // Guard: a negative step is almost always a sign error in a test; set() is the explicit way back.
      if (step.sign < 0) throw new RangeError(`advance() needs a non-negative duration, got ${step.toString()}`);
      // Hours and smaller are exact time, the same in UTC whether added to the instant or the date-time.
      const exact = step.years === 0 && step.months === 0 && step.weeks === 0 && step.days === 0;
      current = exact ? current.add(step) : current.toZonedDateTimeISO(DEFAULT_TIME_ZONE).add(step).toInstant();
    },
    set(instant: Temporal.Instant | string): void {
      current = toInstant(instant);
    },
  };
}
