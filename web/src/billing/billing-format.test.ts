import { describe, expect, it } from 'vitest';
import { toDecimalText } from './billing-format.ts';

// Typed amounts are read by lib/amount-input.ts (its tests hold the cases that lived here).
describe('toDecimalText', () => {
  it('writes minor units back as decimal text', () => {
    expect(toDecimalText(5n, 'EUR')).toBe('0.05');
    expect(toDecimalText(123456n, 'EUR')).toBe('1234.56');
    expect(toDecimalText(1500n, 'JPY')).toBe('1500');
  });
});
