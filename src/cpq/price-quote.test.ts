import { describe, expect, it } from 'vitest';
import type { FloorTerms, PriceTerms } from '../catalog/index.ts';
import { priceQuote } from './price-quote.ts';
import type { QuoteLineTerms } from './quote-line-segments.ts';
import { QuotePricingError } from './quote-pricing-error.ts';

type Terms = PriceTerms & FloorTerms;
const price = (overrides: Partial<Terms> = {}): Terms => ({
  currency: 'EUR', pricingModel: 'per_unit', billingPeriod: 'monthly', periodMonths: 1, unitAmount: '10.00', tiers: null, packageSize: null,
  minPrice: null, maxDiscountBps: null, ...overrides,
});
const line = (lineNumber: number, overrides: Partial<QuoteLineTerms>): QuoteLineTerms => ({
  lineNumber, price: price(), quantity: 1, discount: null, ramp: null, ...overrides,
});
const minor = (m: { amountMinor: bigint }) => m.amountMinor;
const SEAT_TIERS = [{ upTo: 10, unitAmount: '10.00' }, { upTo: 50, unitAmount: '8.00', flatAmount: '5.00' }, { upTo: null, unitAmount: '6.50' }];

/** docs/cpq.md "Worked example"; every number below was computed independently of this code. */
const WORKED_EXAMPLE: QuoteLineTerms[] = [
  line(1, { price: price({ unitAmount: '30.00' }), quantity: 10, discount: { percentBps: 1000 }, ramp: [
    { year: 1, quantity: 10, discountBps: null }, { year: 2, quantity: 20, discountBps: null }, { year: 3, quantity: 30, discountBps: null },
  ] }),
  line(2, { price: price({ pricingModel: 'tiered', billingPeriod: 'annual', periodMonths: 12, unitAmount: null, tiers: SEAT_TIERS }), quantity: 60, discount: { amountMinor: 7000n } }),
  line(3, { price: price({ billingPeriod: 'one_time', periodMonths: null, unitAmount: '1500.00' }), quantity: 1 }),
  line(4, { price: price({ unitAmount: '9.99' }), quantity: 3, discount: { percentBps: 1500 } }),
];

describe('priceQuote', () => {
  it('prices the worked example exactly: ramp, tiered, one-time and per-unit lines with line and header discounts', () => {
    const quote = priceQuote({ currency: 'EUR', termMonths: 36, headerDiscount: { percentBps: 500 }, lines: WORKED_EXAMPLE });
    expect(quote.lines.map((l) => [minor(l.list), minor(l.lineDiscount), minor(l.headerDiscount), minor(l.net)])).toEqual([
      [2_160_000n, 216_000n, 97_200n, 1_846_800n],
      [147_000n, 7_000n, 7_000n, 133_000n],
      [150_000n, 0n, 7_500n, 142_500n],
      [107_892n, 16_184n, 4_585n, 87_123n],
    ]);
    expect([quote.list, quote.lineDiscount, quote.subtotal, quote.headerDiscount, quote.tcv].map(minor)).toEqual([2_564_892n, 239_184n, 2_325_708n, 116_285n, 2_209_423n]);
    expect([quote.oneTime, quote.recurring, quote.acv, quote.firstYear, quote.mrr, quote.arr].map(minor)).toEqual([142_500n, 2_066_923n, 736_474n, 523_673n, 31_764n, 381_168n]);
    expect(quote.years.map(minor)).toEqual([523_673n, 688_977n, 996_773n]);
    expect(quote.lines.map((l) => l.years.map(minor))).toEqual([
      [307_800n, 615_600n, 923_400n], [44_333n, 44_334n, 44_333n], [142_500n, 0n, 0n], [29_040n, 29_043n, 29_040n],
    ]);
    expect(quote.lines.map((l) => minor(l.mrr))).toEqual([25_650n, 3_694n, 0n, 2_420n]);
    expect(quote.lines.map((l) => l.periods.length)).toEqual([36, 3, 1, 36]);
    expect(quote.lines[1]?.periods.map((p) => [p.monthOffset, p.months, minor(p.amount)])).toEqual([[0, 12, 44_333n], [12, 12, 44_334n], [24, 12, 44_333n]]);
  });

  it('keeps a line amount discount exact and caps a header amount at the subtotal', () => {
    const one = priceQuote({ currency: 'EUR', termMonths: 12, headerDiscount: { amountMinor: 10_000_000n }, lines: [line(1, { quantity: 2, discount: { amountMinor: 1_234n } })] });
    expect([one.list, one.lineDiscount, one.subtotal, one.headerDiscount, one.tcv, one.mrr].map(minor)).toEqual([24_000n, 1_234n, 22_766n, 22_766n, 0n, 0n]);
  });

  it('rounds a header percentage on the net, half-up, as the catalog rounds a line', () => {
    // 0.05 at 50 % off: net 0.025 rounds half-up to 0.03, so the discount is 0.02.
    const quote = priceQuote({ currency: 'EUR', termMonths: 1, headerDiscount: { percentBps: 5000 }, lines: [line(1, { price: price({ unitAmount: '0.05' }) })] });
    expect([quote.headerDiscount, quote.tcv].map(minor)).toEqual([2n, 3n]);
  });

  it('splits a multi-year period across the contract years by months of service', () => {
    const twoYear = price({ billingPeriod: 'multi_year', periodMonths: 24, unitAmount: '1000.01' });
    const quote = priceQuote({ currency: 'EUR', termMonths: 24, headerDiscount: null, lines: [line(1, { price: twoYear })] });
    expect(quote.years.map(minor)).toEqual([50_001n, 50_000n]);
    expect([quote.tcv, quote.acv, quote.mrr].map(minor)).toEqual([100_001n, 50_001n, 4_167n]);
  });

  it('annualises ACV for a short term and counts a short year by its months for MRR', () => {
    const quote = priceQuote({ currency: 'EUR', termMonths: 6, headerDiscount: null, lines: [line(1, { quantity: 1 })] });
    expect([quote.tcv, quote.acv, quote.firstYear, quote.mrr, quote.arr].map(minor)).toEqual([6_000n, 12_000n, 6_000n, 1_000n, 12_000n]);
  });

  it('prices JPY without minor units', () => {
    const quote = priceQuote({ currency: 'JPY', termMonths: 12, headerDiscount: { percentBps: 333 }, lines: [line(1, { price: price({ currency: 'JPY', unitAmount: '980' }), quantity: 3 })] });
    expect([quote.list, quote.headerDiscount, quote.tcv, quote.mrr].map(minor)).toEqual([35_280n, 1_175n, 34_105n, 2_842n]);
  });

  it('reports floor violations on what the customer pays, header share included', () => {
    const floored = price({ minPrice: { amountMinor: 900, currency: 'EUR' } });
    const ok = priceQuote({ currency: 'EUR', termMonths: 12, headerDiscount: null, lines: [line(1, { price: floored })] });
    expect(ok.lines[0]?.floorViolations).toEqual([]);
    const low = priceQuote({ currency: 'EUR', termMonths: 12, headerDiscount: { percentBps: 1500 }, lines: [line(1, { price: floored })] });
    expect(low.lines[0]?.floorViolations.map((v) => v.code)).toEqual(['below_min_price']);
  });

  it.each([
    ['a ramp that skips a year', line(2, { ramp: [{ year: 1, quantity: 1, discountBps: null }, { year: 3, quantity: 1, discountBps: null }] }), 36, 'invalid_ramp', 'ramp'],
    ['a ramp on a one-time price', line(2, { price: price({ billingPeriod: 'one_time', periodMonths: null }), ramp: [{ year: 1, quantity: 1, discountBps: null }] }), 12, 'invalid_ramp', 'ramp'],
    ['an amount discount on a ramp', line(2, { discount: { amountMinor: 1n }, ramp: [{ year: 1, quantity: 1, discountBps: null }] }), 12, 'invalid_ramp', 'ramp'],
    ['a term that is not whole periods', line(2, { price: price({ billingPeriod: 'annual', periodMonths: 12 }) }), 18, 'invalid_term', 'termMonths'],
    ['a price in another currency', line(2, { price: price({ currency: 'USD' }) }), 12, 'currency_mismatch', 'priceId'],
  ])('refuses %s, naming the line and the field', (_name, bad, termMonths, code, field) => {
    let caught: unknown;
    try {
      priceQuote({ currency: 'EUR', termMonths, headerDiscount: null, lines: [line(1, {}), bad] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuotePricingError);
    expect(caught).toMatchObject({ code, lineNumber: 2, field });
  });

  it('prices an empty quote as zero over its contract years', () => {
    const quote = priceQuote({ currency: 'EUR', termMonths: 13, headerDiscount: { percentBps: 1000 }, lines: [] });
    expect([quote.tcv, quote.acv, quote.mrr].map(minor)).toEqual([0n, 0n, 0n]);
    expect(quote.years.map(minor)).toEqual([0n, 0n]);
  });
});
