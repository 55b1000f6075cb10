import { describe, expect, it } from 'vitest';
import { addToTotals } from './money.ts';

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
