import { describe, expect, it } from 'vitest';
import { PricingError } from './pricing-error.ts';
import { parsePriceAmount } from './tier-charges.ts';

describe('parsePriceAmount', () => {
  it('reads unsigned "." decimals exactly', () => {
    expect(parsePriceAmount('12.50')).toEqual({ coefficient: 1250n, scale: 2 });
    expect(parsePriceAmount('0.0015')).toEqual({ coefficient: 15n, scale: 4 });
    expect(parsePriceAmount('7')).toEqual({ coefficient: 7n, scale: 0 });
  });

  it('refuses signs, whitespace and anything not stored as a price amount', () => {
    for (const bad of ['', '-1', '+1', ' 1', '1 ', '1.', '.5', '1,5', '1e3', 'x', '1.2.3']) {
      expect(() => parsePriceAmount(bad), bad).toThrow(PricingError);
      expect(() => parsePriceAmount(bad), bad).toThrow(`price amounts are unsigned decimals such as "12.50", got ${JSON.stringify(bad)}`);
    }
  });
});
