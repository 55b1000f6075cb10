import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../shared/money.ts';
import { makePriceTerms, tieredTerms } from './engine-fixtures.ts';
import { priceLine } from './price-line.ts';
import type { PriceTier } from './pricing-types.ts';

// An independent reference: amounts as BigInt rationals (numerator / denominator), rounded
// half-up only at the end. It shares no code with the engine.
type Rational = { n: bigint; d: bigint };
const rational = (text: string): Rational => {
  const [whole = '0', fraction = ''] = text.split('.');
  return { n: BigInt(whole + fraction), d: 10n ** BigInt(fraction.length) };
};
const plus = (a: Rational, b: Rational): Rational => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const times = (a: Rational, k: bigint): Rational => ({ n: a.n * k, d: a.d });
/** Non-negative only: floor((2·n·10^e + d) / (2·d)) is half-up. */
const roundHalfUp = (r: Rational, exponent: number): bigint => (2n * r.n * 10n ** BigInt(exponent) + r.d) / (2n * r.d);

function referenceGraduated(tiers: PriceTier[], quantity: bigint): Rational {
  let total: Rational = { n: 0n, d: 1n };
  let below = 0n;
  for (const tier of tiers) {
    if (quantity <= below) break;
    const upper = tier.upTo === null || BigInt(tier.upTo) > quantity ? quantity : BigInt(tier.upTo);
    total = plus(total, plus(times(rational(tier.unitAmount), upper - below), rational(tier.flatAmount ?? '0')));
    below = upper;
  }
  return total;
}

const amountText = fc
  .tuple(fc.bigInt({ min: 0n, max: 99_999n }), fc.integer({ min: 0, max: 6 }))
  .map(([coefficient, scale]) => (scale === 0 ? String(coefficient) : `${coefficient / 10n ** BigInt(scale)}.${(coefficient % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`));

const tiersArbitrary: fc.Arbitrary<PriceTier[]> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 5_000 }), { maxLength: 5 }), fc.array(fc.tuple(amountText, fc.option(amountText, { nil: undefined })), { minLength: 6, maxLength: 6 }))
  .map(([bounds, amounts]) => {
    const upTos = [...bounds.sort((a, b) => a - b), null];
    return upTos.map((upTo, index) => {
      const [unitAmount, flatAmount] = amounts[index] ?? ['0', undefined];
      return flatAmount === undefined ? { upTo, unitAmount } : { upTo, unitAmount, flatAmount };
    });
  });

const quantity = fc.bigInt({ min: 0n, max: 20_000n });
const currency = fc.constantFrom('EUR', 'JPY', 'KWD');
const EXPONENT: Record<string, number> = { EUR: 2, JPY: 0, KWD: 3 };

describe('pricing properties', () => {
  it('graduated pricing never falls as the quantity grows', () => {
    fc.assert(
      fc.property(tiersArbitrary, quantity, quantity, (tiers, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const price = tieredTerms('tiered', tiers);
        expect(priceLine({ price, quantity: low }).netAmount.amountMinor).toBeLessThanOrEqual(priceLine({ price, quantity: high }).netAmount.amountMinor);
      }),
    );
  });

  it('volume and graduated agree when there is one tier', () => {
    fc.assert(
      fc.property(amountText, fc.option(amountText, { nil: undefined }), quantity, (unitAmount, flatAmount, q) => {
        const tiers: PriceTier[] = [flatAmount === undefined ? { upTo: null, unitAmount } : { upTo: null, unitAmount, flatAmount }];
        const graduated = priceLine({ price: tieredTerms('tiered', tiers), quantity: q });
        const volume = priceLine({ price: tieredTerms('volume', tiers), quantity: q });
        expect(volume.netAmount).toEqual(graduated.netAmount);
      }),
    );
  });

  it('discounts never make a net negative or larger than the list, and list − discount = net', () => {
    const discount = fc.oneof(
      fc.record({ percentBps: fc.integer({ min: 0, max: 10_000 }) }),
      fc.bigInt({ min: 0n, max: 10n ** 12n }).map((amountMinor) => ({ amount: money(amountMinor, 'EUR') })),
    );
    fc.assert(
      fc.property(amountText, quantity, fc.integer({ min: 1, max: 36 }), discount, (unitAmount, q, termMonths, d) => {
        const line = priceLine({ price: makePriceTerms({ unitAmount }), quantity: q, termMonths, discount: d });
        expect(line.netAmount.amountMinor >= 0n && line.netAmount.amountMinor <= line.listAmount.amountMinor).toBe(true);
        expect(line.listAmount.amountMinor - line.discountAmount.amountMinor).toBe(line.netAmount.amountMinor);
      }),
    );
  });

  it('graduated line totals equal an exact rational recomputation, rounded once', () => {
    fc.assert(
      fc.property(tiersArbitrary, quantity, currency, fc.constantFrom(1, 3, 12, 36), fc.integer({ min: 0, max: 10_000 }), (tiers, q, code, months, bps) => {
        const price = { ...tieredTerms('tiered', tiers), currency: code };
        const line = priceLine({ price, quantity: q, termMonths: months, discount: { percentBps: bps } });
        const list = times(referenceGraduated(tiers, q), BigInt(months));
        const net: Rational = { n: list.n * BigInt(10_000 - bps), d: list.d * 10_000n };
        expect(line.listAmount.amountMinor).toBe(roundHalfUp(list, EXPONENT[code] ?? 2));
        expect(line.netAmount.amountMinor).toBe(roundHalfUp(net, EXPONENT[code] ?? 2));
      }),
    );
  });

  it('usage and package totals equal the exact recomputation too', () => {
    fc.assert(
      fc.property(amountText, quantity, fc.integer({ min: 1, max: 500 }), currency, (unitAmount, q, size, code) => {
        const usage = priceLine({ price: makePriceTerms({ currency: code, pricingModel: 'usage', unitAmount }), quantity: 1, usageQuantity: q });
        expect(usage.netAmount.amountMinor).toBe(roundHalfUp(times(rational(unitAmount), q), EXPONENT[code] ?? 2));
        const pack = priceLine({ price: makePriceTerms({ currency: code, pricingModel: 'package', unitAmount, packageSize: size }), quantity: q });
        const packages = q === 0n ? 0n : (q - 1n) / BigInt(size) + 1n;
        expect(pack.netAmount.amountMinor).toBe(roundHalfUp(times(rational(unitAmount), packages), EXPONENT[code] ?? 2));
      }),
    );
  });

  it('exact halves of a minor unit round up, on the list and on the net', () => {
    fc.assert(
      fc.property(currency, fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 10_000 }), (code, k, bps) => {
        const exponent = EXPONENT[code] ?? 2;
        const digits = (10n * k + 5n).toString().padStart(exponent + 2, '0'); // k + 0.5 minor units
        const unitAmount = `${digits.slice(0, -(exponent + 1))}.${digits.slice(-(exponent + 1))}`;
        const line = priceLine({ price: makePriceTerms({ currency: code, unitAmount }), quantity: 1, discount: { percentBps: bps } });
        expect(line.listAmount.amountMinor).toBe(k + 1n);
        expect(line.netAmount.amountMinor).toBe(roundHalfUp({ n: (10n * k + 5n) * BigInt(10_000 - bps), d: 10n ** BigInt(exponent + 1) * 10_000n }, exponent));
      }),
    );
  });

  it('period shares sum to the net and differ by at most one minor unit', () => {
    fc.assert(
      fc.property(amountText, quantity, fc.constantFrom(1, 2, 5, 12, 36), (unitAmount, q, termMonths) => {
        const line = priceLine({ price: makePriceTerms({ unitAmount }), quantity: q, termMonths });
        const base = line.netAmount.amountMinor / BigInt(line.periods);
        expect(line.perPeriodAmount.amountMinor - base).toBe(line.netAmount.amountMinor % BigInt(line.periods) === 0n ? 0n : 1n);
      }),
    );
  });
});
