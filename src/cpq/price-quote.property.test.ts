import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorTerms, PriceTerms } from '../catalog/index.ts';
import { allocateOrZero, headerDiscountOf, type HeaderDiscount } from './discount-allocation.ts';
import { priceQuote } from './price-quote.ts';
import type { LineDiscount, QuoteLineTerms } from './quote-line-segments.ts';
import { money } from '../shared/money.ts';

const total = (amounts: readonly { amountMinor: bigint }[]) => amounts.reduce((acc, m) => acc + m.amountMinor, 0n);

const unitAmount = fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9_999 })).map(([major, fraction]) => `${major}.${String(fraction).padStart(4, '0')}`);
const lineDiscount: fc.Arbitrary<LineDiscount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 10_000 }).map((percentBps) => ({ percentBps })),
  fc.bigInt({ min: 0n, max: 10_000_000n }).map((amountMinor) => ({ amountMinor })),
);
const headerDiscount: fc.Arbitrary<HeaderDiscount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 10_000 }).map((percentBps) => ({ percentBps })),
  fc.bigInt({ min: 0n, max: 100_000_000n }).map((amountMinor) => ({ amountMinor })),
);
// Monthly, quarterly and one-time prices fit any term that is a multiple of 3 months.
const period = fc.constantFrom(['monthly', 1] as const, ['quarterly', 3] as const, ['one_time', null] as const);
const lineTerms = fc.record({ unitAmount, period, quantity: fc.integer({ min: 0, max: 5_000 }), discount: lineDiscount });
const quoteInput = fc.record({
  termMonths: fc.integer({ min: 1, max: 40 }).map((n) => n * 3),
  headerDiscount,
  lines: fc.array(lineTerms, { minLength: 1, maxLength: 8 }),
});

type LineDraw = { unitAmount: string; period: readonly [PriceTerms['billingPeriod'], number | null]; quantity: number; discount: LineDiscount | null };

function toLines(lines: readonly LineDraw[]): QuoteLineTerms[] {
  return lines.map((line, i) => {
    const price: PriceTerms & FloorTerms = {
      currency: 'EUR', pricingModel: 'per_unit', billingPeriod: line.period[0], periodMonths: line.period[1], unitAmount: line.unitAmount,
      tiers: null, packageSize: null, minPrice: null, maxDiscountBps: null,
    };
    return { lineNumber: i + 1, price, quantity: line.quantity, discount: line.discount, ramp: null };
  });
}

describe('quote money properties (largest remainder everywhere)', () => {
  it('allocated header discounts sum exactly to the header discount, and no share exceeds its line', () => {
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }), headerDiscount, (nets, discount) => {
      const subtotal = money(nets.reduce((a, b) => a + b, 0n), 'EUR');
      const header = headerDiscountOf(subtotal, discount);
      const shares = allocateOrZero(header, nets);
      expect(total(shares)).toBe(header.amountMinor);
      shares.forEach((share, i) => expect(share.amountMinor >= 0n && share.amountMinor <= (nets[i] ?? 0n)).toBe(true));
      expect(header.amountMinor <= subtotal.amountMinor).toBe(true);
    }));
  });

  it('line nets sum to TCV, periods to their line, years to TCV, line MRRs to the quote MRR', () => {
    fc.assert(fc.property(quoteInput, (input) => {
      const quote = priceQuote({ currency: 'EUR', termMonths: input.termMonths, headerDiscount: input.headerDiscount, lines: toLines(input.lines) });
      expect(total(quote.lines.map((line) => line.net))).toBe(quote.tcv.amountMinor);
      expect(total(quote.lines.map((line) => line.headerDiscount))).toBe(quote.headerDiscount.amountMinor);
      expect(quote.list.amountMinor - quote.lineDiscount.amountMinor - quote.headerDiscount.amountMinor).toBe(quote.tcv.amountMinor);
      expect(total(quote.years)).toBe(quote.tcv.amountMinor);
      expect(quote.oneTime.amountMinor + quote.recurring.amountMinor).toBe(quote.tcv.amountMinor);
      expect(total(quote.lines.map((line) => line.mrr))).toBe(quote.mrr.amountMinor);
      expect(quote.arr.amountMinor).toBe(12n * quote.mrr.amountMinor);
      for (const line of quote.lines) {
        expect(total(line.periods.map((p) => p.amount))).toBe(line.net.amountMinor);
        expect(total(line.years)).toBe(line.net.amountMinor);
        expect(line.net.amountMinor >= 0n && line.periods.every((p) => p.amount.amountMinor >= 0n)).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
