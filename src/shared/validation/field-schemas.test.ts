import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainDate } from '../dates.ts';
import { isPlainDateText } from './field-schemas.ts';

function acceptedByTemporal(text: string): boolean {
  try {
    parsePlainDate(text);
    return true;
  } catch {
    return false;
  }
}

describe('isPlainDateText', () => {
  it('agrees with parsePlainDate (Temporal) on every well-formed and malformed date text', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const shaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 })), (text) => {
      expect(isPlainDateText(text)).toBe(acceptedByTemporal(text));
    }), { numRuns: 5000 });
  });

  it('knows the leap-year rules and the edges of months', () => {
    expect(['2024-02-29', '2000-02-29', '2025-12-31', '0000-01-01', '1900-02-28'].map(isPlainDateText)).toEqual([true, true, true, true, true]);
    expect(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', ' 2025-01-01'].map(isPlainDateText))
      .toEqual([false, false, false, false, false, false, false]);
  });
});
