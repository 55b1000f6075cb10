import { describe, expect, it } from 'vitest';
import { parseAmount, toDecimalText } from './billing-format.ts';

describe('parseAmount', () => {
  it('reads German and English notation exactly by the currency exponent', () => {
    expect(parseAmount('1.234,56', 'EUR')).toBe(123456n);
    expect(parseAmount('1,234.56', 'USD')).toBe(123456n);
    expect(parseAmount('100', 'EUR')).toBe(10000n);
    expect(parseAmount('100,5', 'EUR')).toBe(10050n);
    expect(parseAmount('1.500', 'JPY')).toBe(1500n);
    expect(parseAmount('1.500', 'KWD')).toBe(1500n);
    expect(parseAmount('1 234,56', 'EUR')).toBe(123456n);
  });
  it('refuses what is not an amount', () => {
    expect(parseAmount('', 'EUR')).toBeNull();
    expect(parseAmount('1.2.3', 'EUR')).toBeNull();
    expect(parseAmount('12a', 'EUR')).toBeNull();
    expect(parseAmount('1234.567', 'EUR')).toBeNull();
    expect(parseAmount('-5', 'EUR')).toBeNull();
  });
  it('writes minor units back as decimal text', () => {
    expect(toDecimalText(5n, 'EUR')).toBe('0.05');
    expect(toDecimalText(123456n, 'EUR')).toBe('1234.56');
    expect(toDecimalText(1500n, 'JPY')).toBe('1500');
  });
});
