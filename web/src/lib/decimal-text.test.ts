import { describe, expect, it } from 'vitest';
import { bpsToPercentText, minorToInputText } from './decimal-text.ts';

describe('amounts and percentages back into input text, exactly', () => {
  it('turns basis points back into the percentage a user types', () => {
    expect(bpsToPercentText(3000)).toBe('30');
    expect(bpsToPercentText(1250)).toBe('12.5');
    expect(bpsToPercentText(1)).toBe('0.01');
  });

  it('writes minor units back as an input decimal by the currency exponent', () => {
    expect(minorToInputText('150000', 'EUR')).toBe('1500.00');
    expect(minorToInputText(5, 'EUR')).toBe('0.05');
    expect(minorToInputText('1500', 'JPY')).toBe('1500');
    expect(minorToInputText('1500', 'KWD')).toBe('1.500');
  });
});
