import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineNoteText, parseLineNote, parseUsageNote, usageNoteText, type LineNote, type UsageNote } from './line-note.ts';

describe('line notes', () => {
  it('keeps the stored English wording', () => {
    expect(lineNoteText({ kind: 'prorated', billableDays: 17, periodDays: 31 })).toBe('prorated 17/31 days');
    expect(lineNoteText({ kind: 'credit', billableDays: 61, periodDays: 365, billedBeforeMinor: 1_104_000n }))
      .toBe('credit for unused time: 61/365 days of the period now billable, 1104000 billed before');
    expect(lineNoteText({ kind: 'adjustment', billableDays: 3, periodDays: 30, billedBeforeMinor: -500n }))
      .toBe('adjustment: 3/30 days of the period now billable, -500 billed before');
  });

  it('reads back every note it writes, and nothing else', () => {
    const days = fc.integer({ min: 0, max: 400 });
    const note: fc.Arbitrary<LineNote> = fc.oneof(
      fc.record({ kind: fc.constant('prorated' as const), billableDays: days, periodDays: days }),
      fc.record({ kind: fc.constantFrom('credit' as const, 'adjustment' as const), billableDays: days, periodDays: days, billedBeforeMinor: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }) }),
    );
    fc.assert(fc.property(note, (parts) => {
      expect(parseLineNote(lineNoteText(parts))).toEqual(parts);
    }));
    expect(parseLineNote(null)).toBeNull();
    expect(parseLineNote('usage 2 (sum) in 2026-01-01 – 2026-02-01 (exclusive)')).toBeNull();
    expect(parseLineNote('prorated 17/31 days, more')).toBeNull();
  });

  it('writes usage notes as before, and reads back every one it writes', () => {
    expect(usageNoteText({ quantity: 2n, aggregation: 'unique_count', startDate: '2026-01-01', endDate: '2026-02-01', trueUp: { ratedMinor: 800n, minimumMinor: 2000n } }))
      .toBe('usage 2 (unique_count) in 2026-01-01 – 2026-02-01 (exclusive); rated 800, minimum commitment 2000: true-up 1200');
    expect(usageNoteText({ quantity: 1500n, aggregation: null, startDate: '2026-01-01', endDate: '2026-02-01', trueUp: null }))
      .toBe('usage 1500 in 2026-01-01 – 2026-02-01 (exclusive)');
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const minor = fc.bigInt({ min: 0n, max: 10n ** 15n });
    const note: fc.Arbitrary<UsageNote> = fc.record({
      quantity: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      aggregation: fc.constantFrom(null, 'sum', 'count', 'max', 'unique_count', 'latest'),
      startDate: fc.option(day, { nil: null }), endDate: fc.option(day, { nil: null }),
      trueUp: fc.option(fc.record({ ratedMinor: minor, minimumMinor: minor }), { nil: null }),
    });
    fc.assert(fc.property(note, (parts) => {
      expect(parseUsageNote(usageNoteText(parts))).toEqual(parts);
      expect(parseLineNote(usageNoteText(parts))).toBeNull();
    }));
    expect(parseUsageNote('prorated 17/31 days')).toBeNull();
    expect(parseUsageNote('usage 2 (sum) in 2026-01-01 – 2026-02-01 (exclusive); rated 800, minimum commitment 2000: true-up 5')).toBeNull();
  });
});
