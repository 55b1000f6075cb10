import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { money } from '../shared/money.ts';
import { assertBalanced, totalsByCurrency, type PreparedLine } from './entry-rules.ts';
import { assertPeriodEnded, defaultReversalDate, nextPeriod, periodOf } from './period-rules.ts';

const line = (lineNumber: number, side: 'debit' | 'credit', amountMinor: bigint, currency: string): PreparedLine => ({
  lineNumber, accountCode: '1000', side, amount: money(amountMinor, currency), memo: null,
  refs: { accountId: null, subscriptionId: null, invoiceId: null },
});

describe('entry rules', () => {
  it('accepts exactly the entries whose debits equal credits in every currency', () => {
    const lineArb = fc.record({
      side: fc.constantFrom('debit' as const, 'credit' as const),
      amount: fc.bigInt({ min: 1n, max: 1000n }),
      currency: fc.constantFrom('EUR', 'USD', 'JPY'),
    });
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), (specs) => {
      const lines = specs.map((s, i) => line(i + 1, s.side, s.amount, s.currency));
      const balanced = totalsByCurrency(lines).every((t) => t.debitMinor === t.creditMinor);
      let accepted = true;
      try {
        assertBalanced(lines);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        accepted = false;
      }
      expect(accepted).toBe(balanced);
    }));
  });

  it('names only the lines of the currencies that do not balance', () => {
    const lines = [line(1, 'debit', 100n, 'EUR'), line(2, 'credit', 100n, 'EUR'), line(3, 'debit', 5n, 'USD'), line(4, 'credit', 4n, 'USD')];
    const error = (() => {
      try {
        assertBalanced(lines);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected the entry to be refused');
    })();
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['body.lines.2', 'body.lines.3']);
    expect(error.extra).toEqual({ unbalanced: [{ currency: 'USD', debitMinor: '5', creditMinor: '4' }] });
  });
});

describe('period rules', () => {
  it('maps dates to months and steps over the year end', () => {
    expect(periodOf('2026-12-31')).toBe('2026-12');
    expect(nextPeriod('2026-12')).toBe('2027-01');
  });

  it('dates a reversal like its original unless that month is closed, then on the first open month after it', () => {
    expect(defaultReversalDate('2026-01-20', new Set())).toBe('2026-01-20');
    expect(defaultReversalDate('2026-01-20', new Set(['2026-02']))).toBe('2026-01-20');
    expect(defaultReversalDate('2026-01-20', new Set(['2026-01']))).toBe('2026-02-01');
    expect(defaultReversalDate('2025-11-30', new Set(['2025-11', '2025-12', '2026-02']))).toBe('2026-01-01');
  });

  it('lets a month close from the first day of the next', () => {
    expect(() => assertPeriodEnded('2026-01', Temporal.PlainDate.from('2026-01-31'))).toThrow(/has not ended yet/);
    expect(() => assertPeriodEnded('2026-01', Temporal.PlainDate.from('2026-02-01'))).not.toThrow();
  });
});
