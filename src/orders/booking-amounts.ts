import type { Quote } from '../cpq/index.ts';
import { allocate, money } from '../shared/money.ts';
import type { StoredBookingLine } from './tables.ts';

export type BookingAmounts = {
  tcvMinor: bigint;
  acvMinor: bigint;
  firstYearMinor: bigint;
  arrChangeMinor: bigint;
  lines: StoredBookingLine[];
};

/**
 * The booking of an accepted quote (docs/cpq.md "Bookings"): TCV, ACV and first-year value are the
 * quote's. ARR change: a new deal adds its ARR; an expansion quote prices only what is added, so
 * its ARR is the change; a renewal changes ARR by its ARR less the renewed subscription's (null =
 * none found: the whole ARR is new). Per line, ACV is the quote's ACV split over line nets by
 * largest remainder (money.ts allocate), so line ACVs sum to it exactly.
 */
export function bookingAmounts(quote: Quote, families: ReadonlyMap<string, string | null>, renewedArrMinor: bigint | null): BookingAmounts {
  const minor = (value: { amountMinor: number | string }) => BigInt(value.amountMinor);
  const arrMinor = minor(quote.totals.arr);
  const arrChangeMinor = quote.quoteType === 'renewal' && renewedArrMinor !== null ? arrMinor - renewedArrMinor : arrMinor;
  const weights = quote.lines.map((line) => minor(line.amounts.net));
  const acvShares = weights.some((w) => w > 0n) ? allocate(money(minor(quote.totals.acv), quote.currency), weights) : weights.map(() => money(0n, quote.currency));
  return {
    tcvMinor: minor(quote.totals.tcv),
    acvMinor: minor(quote.totals.acv),
    firstYearMinor: minor(quote.totals.firstYear),
    arrChangeMinor,
    lines: quote.lines.map((line, i) => ({
      quoteLineId: line.id,
      productFamily: families.get(line.id) ?? null,
      acvMinor: (acvShares[i]?.amountMinor ?? 0n).toString(),
      firstYearMinor: minor(line.amounts.firstYear).toString(),
    })),
  };
}
