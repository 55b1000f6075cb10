import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineNoteText, parseLineNote, type LineNote } from './line-note.ts';

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
});
