import { describe, expect, it } from 'vitest';
import { formatDecimal, money } from '../shared/money.ts';
import { makePriceTerms, tieredTerms } from './engine-fixtures.ts';
import { priceLine, splitIntoPeriods } from './price-line.ts';
import { PricingError } from './pricing-error.ts';
import type { PriceLineInput, PricedLine } from './pricing-types.ts';

/** The money of a line as [list, discount, net, per period, mrr] in minor units: one exact comparison. */
function amounts(line: PricedLine): bigint[] {
  return [line.listAmount, line.discountAmount, line.netAmount, line.perPeriodAmount, line.mrr].map((m) => m.amountMinor);
}

function pricingError(input: PriceLineInput): PricingError {
  try {
    priceLine(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PricingError);
    return error as PricingError;
  }
  throw new Error('expected a PricingError, but the line was priced');
}

describe('priceLine, per model, to the minor unit', () => {
  it('per_unit: 7 seats × 12.50 EUR monthly over 12 months', () => {
    const line = priceLine({ price: makePriceTerms({ unitAmount: '12.50' }), quantity: 7, termMonths: 12 });
    expect(amounts(line)).toEqual([105000n, 0n, 105000n, 8750n, 8750n]);
    expect(line).toMatchObject({ periods: 12, periodMonths: 1, termMonths: 12, billableQuantity: 7n, chargeKind: 'recurring', currency: 'EUR' });
    expect(formatDecimal(line.unitPrice)).toBe('12.50');
  });

  it('flat: one amount per period whatever the quantity', () => {
    const quarterly = makePriceTerms({ pricingModel: 'flat', unitAmount: '1497.00', billingPeriod: 'quarterly', periodMonths: 3 });
    const line = priceLine({ price: quarterly, quantity: 17, termMonths: 12 });
    expect(amounts(line)).toEqual([598800n, 0n, 598800n, 149700n, 49900n]);
    expect(line.billableQuantity).toBe(1n);
    expect(amounts(priceLine({ price: quarterly, quantity: 1, termMonths: 12 }))).toEqual(amounts(line));
  });

  it('usage: 0.0125 EUR × 1,234,567 calls rounds once per line, not per period', () => {
    const price = makePriceTerms({ pricingModel: 'usage', unitAmount: '0.0125' });
    const month = priceLine({ price, quantity: 1, usageQuantity: 1_234_567 });
    expect(formatDecimal(month.listPerPeriod)).toBe('15432.0875');
    expect(amounts(month)).toEqual([1543209n, 0n, 1543209n, 1543209n, 1543209n]);
    expect(month.chargeKind).toBe('usage');
    // 15432.0875 × 12 = 185185.05 exactly; rounding each month first would give 185185.08.
    const year = priceLine({ price, quantity: 1, usageQuantity: 1_234_567, termMonths: 12 });
    expect(year.listAmount).toEqual(money(18518505n, 'EUR'));
    expect(year.perPeriodAmount).toEqual(money(1543209n, 'EUR'));
    expect(priceLine({ price, quantity: 5 }).netAmount).toEqual(money(0n, 'EUR'));
  });

  it('JPY has no minor unit: sub-yen prices round half-up to whole yen', () => {
    const seats = makePriceTerms({ currency: 'JPY', unitAmount: '980', billingPeriod: 'annual', periodMonths: 12 });
    expect(amounts(priceLine({ price: seats, quantity: 3, termMonths: 24 }))).toEqual([5880n, 0n, 5880n, 2940n, 245n]);
    const calls = makePriceTerms({ currency: 'JPY', pricingModel: 'usage', unitAmount: '0.35' });
    expect(priceLine({ price: calls, quantity: 1, usageQuantity: 1001 }).netAmount).toEqual(money(350n, 'JPY')); // 350.35
    const half = makePriceTerms({ currency: 'JPY', unitAmount: '0.5' });
    expect(priceLine({ price: half, quantity: 5 }).netAmount).toEqual(money(3n, 'JPY')); // 2.5 → 3
  });

  it('KWD has three decimals', () => {
    const price = makePriceTerms({ currency: 'KWD', unitAmount: '1.2345' });
    expect(priceLine({ price, quantity: 3 }).netAmount).toEqual(money(3704n, 'KWD')); // 3.7035 → 3.704
    expect(priceLine({ price: makePriceTerms({ currency: 'KWD', unitAmount: '0.0005' }), quantity: 1 }).netAmount).toEqual(money(1n, 'KWD'));
    expect(priceLine({ price: makePriceTerms({ currency: 'KWD', unitAmount: '0.0004' }), quantity: 1 }).netAmount).toEqual(money(0n, 'KWD'));
  });

  it('tiered (graduated): each unit in its tier, a tier fee once the tier is reached, exactly at upTo stays below', () => {
    const price = tieredTerms('tiered');
    const net = (quantity: number) => priceLine({ price, quantity }).netAmount.amountMinor;
    expect([0, 1, 10, 11, 50, 51, 60].map(net)).toEqual([0n, 1000n, 10000n, 11300n, 42500n, 43150n, 49000n]);
    const line = priceLine({ price, quantity: 60 });
    expect(line.breakdown.map((c) => [c.tierIndex, c.quantity, formatDecimal(c.flatAmount), formatDecimal(c.amount)])).toEqual([
      [0, 10n, '0', '100.00'],
      [1, 40n, '5.00', '325.00'],
      [2, 10n, '0', '65.00'],
    ]);
    expect(formatDecimal(line.unitPrice)).toBe('8.166667'); // 490 / 60, display only
  });

  it('volume: all units at the tier the total falls in', () => {
    const price = tieredTerms('volume');
    const net = (quantity: number) => priceLine({ price, quantity }).netAmount.amountMinor;
    expect([0, 1, 10, 11, 50, 51].map(net)).toEqual([0n, 1000n, 10000n, 9300n, 40500n, 33150n]);
    const line = priceLine({ price, quantity: 51 });
    expect(line.breakdown).toHaveLength(1);
    expect(line.breakdown[0]?.tierIndex).toBe(2);
    expect(formatDecimal(line.unitPrice)).toBe('6.50');
  });

  it('package: started packages are whole packages', () => {
    const price = makePriceTerms({ pricingModel: 'package', unitAmount: '25.00', packageSize: 100 });
    const net = (quantity: number) => priceLine({ price, quantity }).netAmount.amountMinor;
    expect([0, 1, 100, 101, 250].map(net)).toEqual([0n, 2500n, 2500n, 5000n, 7500n]);
    expect(priceLine({ price, quantity: 250 }).billableQuantity).toBe(3n);
  });

  it('one-time charges run once whatever the term and add no MRR', () => {
    const price = makePriceTerms({ pricingModel: 'flat', unitAmount: '1500', billingPeriod: 'one_time', periodMonths: null });
    const line = priceLine({ price, quantity: 1, termMonths: 36 });
    expect(amounts(line)).toEqual([150000n, 0n, 150000n, 150000n, 0n]);
    expect(line).toMatchObject({ periods: 1, termMonths: null, chargeKind: 'one_time' });
  });

  it('multi-year MRR is the net over the months, half-up', () => {
    const price = makePriceTerms({ pricingModel: 'flat', unitAmount: '30000', billingPeriod: 'multi_year', periodMonths: 36 });
    expect(amounts(priceLine({ price, quantity: 1, termMonths: 36 }))).toEqual([3000000n, 0n, 3000000n, 3000000n, 83333n]);
    const annual = makePriceTerms({ pricingModel: 'flat', unitAmount: '1000.06', billingPeriod: 'annual', periodMonths: 12 });
    expect(priceLine({ price: annual, quantity: 1 }).mrr).toEqual(money(8334n, 'EUR')); // 8333.83 → 8334
  });
});

describe('priceLine discounts', () => {
  const price = makePriceTerms({ unitAmount: '9.99' });
  it('a percentage rounds the net once; list − discount = net', () => {
    expect(amounts(priceLine({ price, quantity: 3, discount: { percentBps: 1500 } }))).toEqual([2997n, 450n, 2547n, 2547n, 2547n]); // 25.4745
    expect(priceLine({ price, quantity: 3, discount: { percentBps: 10_000 } }).netAmount).toEqual(money(0n, 'EUR'));
  });

  it('an amount comes off the line and is capped at its list amount', () => {
    expect(amounts(priceLine({ price, quantity: 3, discount: { amount: money(997n, 'EUR') } }))).toEqual([2997n, 997n, 2000n, 2000n, 2000n]);
    expect(amounts(priceLine({ price, quantity: 3, discount: { amount: money(5000n, 'EUR') } }))).toEqual([2997n, 2997n, 0n, 0n, 0n]);
  });

  it('splits a net into periods by largest remainder, earlier periods first', () => {
    const parts = splitIntoPeriods(money(100001n, 'EUR'), 12);
    expect(parts.map((p) => p.amountMinor)).toEqual([...Array(5).fill(8334n), ...Array(7).fill(8333n)]);
  });
});

describe('priceLine refuses what it cannot price', () => {
  const price = makePriceTerms({ billingPeriod: 'quarterly', periodMonths: 3 });
  it.each<[string, Partial<PriceLineInput>, string, string]>([
    ['a term that is not whole periods', { termMonths: 10 }, 'invalid_term', 'termMonths'],
    ['a term shorter than a period', { termMonths: 0 }, 'invalid_term', 'termMonths'],
    ['a negative quantity', { quantity: -1 }, 'invalid_quantity', 'quantity'],
    ['a fractional quantity', { quantity: 1.5 }, 'invalid_quantity', 'quantity'],
    ['a fractional usage', { usageQuantity: 0.5 }, 'invalid_quantity', 'usageQuantity'],
    ['more than 100 %', { discount: { percentBps: 10_001 } }, 'invalid_discount', 'discount'],
    ['a negative amount', { discount: { amount: money(-1n, 'EUR') } }, 'invalid_discount', 'discount'],
    ['a discount in another currency', { discount: { amount: money(100n, 'USD') } }, 'currency_mismatch', 'discount'],
  ])('%s', (_name, override, code, field) => {
    const error = pricingError({ price, quantity: 1, ...override });
    expect([error.code, error.field]).toEqual([code, field]);
  });

  it('tiers out of order, a negative amount or a missing package size', () => {
    const bad = [
      tieredTerms('tiered', [{ upTo: 10, unitAmount: '1' }, { upTo: 5, unitAmount: '1' }, { upTo: null, unitAmount: '1' }]),
      tieredTerms('volume', [{ upTo: 10, unitAmount: '1' }]),
      makePriceTerms({ unitAmount: '-1.00' }),
      makePriceTerms({ pricingModel: 'package', packageSize: 0 }),
      makePriceTerms({ currency: 'XXX' }),
    ];
    for (const terms of bad) expect(pricingError({ price: terms, quantity: 1 }).code).toBe('invalid_price_terms');
  });
});
