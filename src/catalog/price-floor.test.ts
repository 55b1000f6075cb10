import { describe, expect, it } from 'vitest';
import { money } from '../shared/money.ts';
import { makePriceTerms } from './engine-fixtures.ts';
import { checkPriceFloor } from './price-floor.ts';
import { priceLine } from './price-line.ts';
import type { FloorTerms } from './pricing-types.ts';

describe('checkPriceFloor', () => {
  const price = makePriceTerms({ unitAmount: '10.00' });
  // At most 20 % off, and never below 8.00 per seat per month.
  const floor: FloorTerms = { currency: 'EUR', minPrice: { amountMinor: 800, currency: 'EUR' }, maxDiscountBps: 2000 };
  const line = (percentBps: number, quantity = 5) => priceLine({ price, quantity, termMonths: 12, discount: { percentBps } });

  it('passes a line at exactly the maximum discount and the minimum price', () => {
    expect(checkPriceFloor(line(2000), floor)).toEqual([]);
  });

  it('reports both violations with the amounts a reviewer needs', () => {
    expect(checkPriceFloor(line(2500), floor)).toEqual([
      { code: 'below_min_price', minimumNet: money(48000n, 'EUR'), netAmount: money(45000n, 'EUR') },
      { code: 'discount_above_max', maxDiscountBps: 2000, discountBps: 2500 },
    ]);
  });

  it('counts the discount share exactly, reporting it rounded up', () => {
    const amountOff = priceLine({ price, quantity: 3, discount: { amount: money(601n, 'EUR') } }); // 601 / 3000 = 20.03 %
    expect(checkPriceFloor(amountOff, { ...floor, minPrice: null })).toEqual([{ code: 'discount_above_max', maxDiscountBps: 2000, discountBps: 2004 }]);
    const atMax = priceLine({ price, quantity: 3, discount: { amount: money(600n, 'EUR') } });
    expect(checkPriceFloor(atMax, { ...floor, minPrice: null })).toEqual([]);
  });

  it('applies the minimum per billable unit: packages and flat lines count as such', () => {
    const pack = priceLine({ price: makePriceTerms({ pricingModel: 'package', unitAmount: '25.00', packageSize: 100 }), quantity: 150 });
    expect(checkPriceFloor(pack, { ...floor, minPrice: { amountMinor: 2600, currency: 'EUR' } })).toEqual([
      { code: 'below_min_price', minimumNet: money(5200n, 'EUR'), netAmount: money(5000n, 'EUR') },
    ]);
    expect(checkPriceFloor(line(10_000, 0), floor)).toEqual([]);
  });

  it('refuses a floor in another currency instead of passing it', () => {
    expect(() => checkPriceFloor(line(0), { ...floor, minPrice: { amountMinor: 1, currency: 'USD' } })).toThrow(/Cannot compare/);
  });
});
