import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './backoff.ts';
import { isEventType, isEventTypePattern, matchesEventType } from './event-types.ts';

describe('event types', () => {
  it('accepts dot separated lower case names only', () => {
    expect(['quote.accepted', 'invoice.issued', 'credit_note.issued', 'a.b.c'].every(isEventType)).toBe(true);
    expect(['quote', 'Quote.accepted', 'quote.', '.accepted', 'quote.*', 'quote accepted'].some(isEventType)).toBe(false);
  });

  it('matches exact types, prefixes and everything', () => {
    expect(matchesEventType('quote.accepted', 'quote.accepted')).toBe(true);
    expect(matchesEventType('quote.accepted', 'quote.accepted_late')).toBe(false);
    expect(matchesEventType('quote.*', 'quote.accepted')).toBe(true);
    expect(matchesEventType('quote.*', 'quotes.accepted')).toBe(false);
    expect(matchesEventType('*', 'invoice.issued')).toBe(true);
    expect(['*', 'quote.*', 'billing.invoice.*', 'quote.accepted'].every(isEventTypePattern)).toBe(true);
    expect(['**', 'quote*', '*.accepted', ''].some(isEventTypePattern)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('follows 5s, 5m, 30m, 2h, 5h, 10h, 10h and then gives up', () => {
    const middle = () => 0.5;
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, middle))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null,
    ]);
  });

  it('jitters by at most 10 % either way', () => {
    expect(retryDelayMs(1, () => 0)).toBe(4_500);
    expect(retryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(5_500);
    expect(RETRY_DELAYS_MS).toHaveLength(7);
  });
});
