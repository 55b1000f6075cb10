import { describe, expect, it } from 'vitest';
import { addToTotals, parseAmountToMinor } from './money.ts';

describe('board totals', () => {
  it('adds and removes per currency, exactly beyond 2^53, never across currencies', () => {
    const totals = [{ amountMinor: '9007199254740993', currency: 'USD' }];
    const withEur = addToTotals(totals, { amountMinor: 150, currency: 'EUR' }, 1);
    expect(withEur).toEqual([{ amountMinor: '150', currency: 'EUR' }, { amountMinor: '9007199254740993', currency: 'USD' }]);
    expect(addToTotals(withEur, { amountMinor: '2', currency: 'USD' }, 1)[1]).toEqual({ amountMinor: '9007199254740995', currency: 'USD' });
    // A column emptied of a currency drops that line instead of showing zero.
    expect(addToTotals(withEur, { amountMinor: 150, currency: 'EUR' }, -1)).toEqual(totals);
  });
});

describe('parseAmountToMinor', () => {
  it('scales by the ISO 4217 exponent without floats', () => {
    expect(parseAmountToMinor('12500.00', 'EUR')).toBe('1250000');
    expect(parseAmountToMinor('12500,5', 'eur')).toBe('1250050');
    expect(parseAmountToMinor('1500', 'JPY')).toBe('1500');
    expect(parseAmountToMinor('1.234', 'KWD')).toBe('1234');
    expect(parseAmountToMinor('0.1', 'EUR')).toBe('10');
  });

  it('refuses what is not a plain amount in that currency', () => {
    expect(parseAmountToMinor('1.5', 'JPY')).toBeNull();
    expect(parseAmountToMinor('1.001', 'EUR')).toBeNull();
    expect(parseAmountToMinor('-5', 'EUR')).toBeNull();
    expect(parseAmountToMinor('1e3', 'EUR')).toBeNull();
    expect(parseAmountToMinor('', 'EUR')).toBeNull();
    expect(parseAmountToMinor('10', 'ZZZ')).toBeNull();
  });
});
