import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCommissionLines, findRate, type BookingLine } from './compute-commission.ts';
import type { Rate } from './schema.ts';

const rates: Rate[] = [
  { dealType: 'new', productFamily: null, basis: 'first_year', rateBps: 1000 },
  { dealType: 'new', productFamily: 'services', basis: 'first_year', rateBps: 250 },
  { dealType: 'renewal', productFamily: null, basis: 'acv', rateBps: 500 },
  { dealType: 'expansion', productFamily: null, basis: 'first_year', rateBps: 833 },
];
const line = (productFamily: string | null, firstYearMinor: bigint, acvMinor = firstYearMinor): BookingLine => ({ productFamily, firstYearMinor, acvMinor });

describe('computeCommissionLines', () => {
  it('pays 10 % of first-year value on new business, a family rate over the catch-all, rounded half-up', () => {
    const result = computeCommissionLines([line('platform', 1_234_565n), line('services', 150_000n), line(null, 5n)], rates, 'new', 'USD');
    expect(result.map((l) => [l.lineNumber, l.rateBps, l.basisMinor, l.amountMinor])).toEqual([
      // Group 10 %: (1 234 565 + 5) × 10 % = 123 457.0 exactly; split 123 456.5 / 0.5 → largest remainder, lower index first.
      [1, 1000, 1_234_565n, 123_457n],
      [2, 250, 150_000n, 3_750n],
      [3, 1000, 5n, 0n],
    ]);
  });

  it('uses the rate basis: 5 % of ACV on renewals', () => {
    expect(computeCommissionLines([line('platform', 600_000n, 480_000n)], rates, 'renewal', 'EUR')[0]?.amountMinor).toBe(24_000n);
  });

  it('leaves out lines without a rate and pays nothing on a negative basis', () => {
    expect(computeCommissionLines([line('platform', 100n)], [], 'new', 'USD')).toEqual([]);
    expect(computeCommissionLines([line('platform', -5_000n)], rates, 'new', 'USD')[0]?.amountMinor).toBe(0n);
    expect(findRate(rates, 'expansion', 'services')?.rateBps).toBe(833);
  });

  it('property: per rate group, the lines sum exactly to the group total × rate rounded half-up once, each within 1 of its share', () => {
    const arbLine = fc.record({
      productFamily: fc.constantFrom('platform', 'services', null),
      firstYearMinor: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      acvMinor: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    });
    fc.assert(fc.property(fc.array(arbLine, { minLength: 1, maxLength: 30 }), fc.constantFrom('new', 'renewal', 'expansion' as const), (lines, dealType) => {
      const result = computeCommissionLines(lines, rates, dealType, 'USD');
      const groups = new Map<string, { basis: bigint; paid: bigint; bps: number }>();
      for (const l of result) {
        const exactTimes10k = l.basisMinor * BigInt(l.rateBps);
        // Each line within one minor unit of its exact share.
        expect(l.amountMinor * 10_000n - exactTimes10k <= 10_000n && exactTimes10k - l.amountMinor * 10_000n <= 10_000n).toBe(true);
        const g = groups.get(`${l.rateBps}:${l.basis}`) ?? { basis: 0n, paid: 0n, bps: l.rateBps };
        groups.set(`${l.rateBps}:${l.basis}`, { ...g, basis: g.basis + l.basisMinor, paid: g.paid + l.amountMinor });
      }
      for (const g of groups.values()) {
        const product = g.basis * BigInt(g.bps);
        const halfUp = (product + 5_000n) / 10_000n;
        expect(g.paid).toBe(halfUp);
      }
    }));
  });
});
