import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quote } from '../cpq/index.ts';
import { bookingAmounts } from './booking-amounts.ts';

const eur = (amountMinor: bigint) => ({ amountMinor: amountMinor.toString(), currency: 'EUR' });

function quoteOf(type: Quote['quoteType'], nets: bigint[], totals: { acv: bigint; arr: bigint }): Quote {
  const tcv = nets.reduce((a, b) => a + b, 0n);
  return {
    quoteType: type, currency: 'EUR',
    totals: { tcv: eur(tcv), acv: eur(totals.acv), firstYear: eur(tcv), arr: eur(totals.arr) },
    lines: nets.map((net, i) => ({ id: `li_${i}`, amounts: { net: eur(net), firstYear: eur(net) } })),
  } as unknown as Quote;
}

describe('bookingAmounts', () => {
  it('books the whole ARR for new business and for an expansion (its quote prices only what is added)', () => {
    expect(bookingAmounts(quoteOf('new', [100_00n], { acv: 100_00n, arr: 120_00n }), new Map(), null).arrChangeMinor).toBe(120_00n);
    expect(bookingAmounts(quoteOf('expansion', [100_00n], { acv: 100_00n, arr: 120_00n }), new Map(), 999_00n).arrChangeMinor).toBe(120_00n);
  });

  it('books a renewal as the change against the renewed subscription, which may be negative', () => {
    expect(bookingAmounts(quoteOf('renewal', [100_00n], { acv: 100_00n, arr: 432_000n }), new Map(), 444_000n).arrChangeMinor).toBe(-12_000n);
    expect(bookingAmounts(quoteOf('renewal', [100_00n], { acv: 100_00n, arr: 432_000n }), new Map(), null).arrChangeMinor).toBe(432_000n);
  });

  it('splits ACV over lines by largest remainder: 1,000.00 over 1 : 1 : 1 is 333.34 + 333.33 + 333.33', () => {
    const amounts = bookingAmounts(quoteOf('new', [1n, 1n, 1n], { acv: 100_000n, arr: 0n }), new Map([['li_0', 'platform']]), null);
    expect(amounts.lines.map((l) => [l.productFamily, l.acvMinor])).toEqual([['platform', '33334'], [null, '33333'], [null, '33333']]);
  });

  it('line ACVs always sum to the ACV exactly', () => {
    fc.assert(fc.property(
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }), fc.bigInt({ min: 0n, max: 10n ** 13n }),
      (nets, acv) => {
        const lines = bookingAmounts(quoteOf('new', nets, { acv, arr: 0n }), new Map(), null).lines;
        const sum = lines.reduce((total, line) => total + BigInt(line.acvMinor), 0n);
        // All-zero nets (a free quote) book nothing per line.
        expect(sum).toBe(nets.some((n) => n > 0n) ? acv : 0n);
      },
    ));
  });
});
