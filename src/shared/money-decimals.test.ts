import { describe, expect, it } from 'vitest';
import {
  addDecimals, compareDecimals, divideDecimal, formatDecimal, integerDecimal, multiplyDecimalByInteger, parseDecimal,
  parseDecimalToMinor, ZERO_DECIMAL,
} from './money.ts';

const d = parseDecimal;

describe('Decimal sums, multiples, comparison and division', () => {
  it('adds at the larger scale without rounding', () => {
    expect(addDecimals(d('1.5'), d('0.0015'))).toEqual({ coefficient: 15015n, scale: 4 });
    expect(addDecimals(ZERO_DECIMAL, integerDecimal(7n))).toEqual({ coefficient: 7n, scale: 0 });
    expect(formatDecimal(addDecimals(d('-2.25'), d('2.25')))).toBe('0.00');
  });

  it('multiplies by an integer keeping the scale', () => {
    expect(multiplyDecimalByInteger(d('0.0015'), 3n)).toEqual({ coefficient: 45n, scale: 4 });
  });

  it('compares across scales', () => {
    expect(compareDecimals(d('1.50'), d('1.5'))).toBe(0);
    expect(compareDecimals(d('1.4999'), d('1.5'))).toBe(-1);
    expect(compareDecimals(d('2'), d('1.999'))).toBe(1);
  });

  it('divides rounding once by the named mode', () => {
    expect(divideDecimal(d('10'), 3n, 4, 'half_up')).toEqual({ coefficient: 33333n, scale: 4 });
    expect(divideDecimal(d('0.125'), 1n, 2, 'half_even')).toEqual({ coefficient: 12n, scale: 2 });
    expect(divideDecimal(d('0.125'), 1n, 2, 'half_up')).toEqual({ coefficient: 13n, scale: 2 });
  });
});

describe('decimal patterns are compiled once and reused', () => {
  it('gives the same answers on repeated calls with different separators', () => {
    const european = { decimalSeparator: ',', thousandsSeparator: '.' } as const;
    for (let round = 0; round < 3; round += 1) {
      expect(parseDecimalToMinor('1.234,56', 'EUR', european)).toBe(123456n);
      expect(parseDecimalToMinor('1234.56', 'EUR')).toBe(123456n);
      expect(() => parseDecimalToMinor('1.234,56', 'EUR')).toThrow();
    }
  });
});
