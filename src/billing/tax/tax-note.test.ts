import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outsideEuNote, parseTaxNote, reverseChargeNote } from './tax-note.ts';

describe('tax notes', () => {
  it('reads back every note it writes', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z]{2}[0-9A-Z]{2,12}$/), (vatId) => {
      expect(parseTaxNote(reverseChargeNote(vatId))).toEqual({ kind: 'reverse_charge', customerVatId: vatId });
    }));
    expect(parseTaxNote(outsideEuNote())).toEqual({ kind: 'outside_eu' });
  });

  it('keeps any other note as it is, and no note as none', () => {
    expect(parseTaxNote('Exempt under § 4 Nr. 21 UStG')).toEqual({ kind: 'other', text: 'Exempt under § 4 Nr. 21 UStG' });
    expect(parseTaxNote('Reverse charge applies')).toEqual({ kind: 'other', text: 'Reverse charge applies' });
    expect(parseTaxNote(null)).toBeNull();
  });
});
