import { describe, expect, it } from 'vitest';
import { bpsToPercentText, minorToInputText, parseScaledDecimal, percentToBps } from './money-input.ts';

describe('typed amounts and percentages, exactly', () => {
  it('scales decimals by string, with either separator, refusing extra digits', () => {
    expect(parseScaledDecimal('1234.5', 2)).toBe(123_450n);
    expect(parseScaledDecimal('1 234,56', 2)).toBe(123_456n);
    expect(parseScaledDecimal('0.1', 2)).toBe(10n);
    expect(parseScaledDecimal('19.999', 2)).toBeNull();
    expect(parseScaledDecimal('1e3', 2)).toBeNull();
    expect(parseScaledDecimal('', 2)).toBeNull();
    expect(parseScaledDecimal('9007199254740993', 0)).toBe(9_007_199_254_740_993n);
  });

  it('turns percentages into basis points and back', () => {
    expect(percentToBps('30')).toBe(3000);
    expect(percentToBps('12.5')).toBe(1250);
    expect(percentToBps('100.01')).toBeNull();
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
