import { allocate, money, type Money } from '../shared/money.ts';

/** Contract years are counted from the quote's start date: year 1 is months [0, 12). */
export function contractYearCount(termMonths: number): number {
  return Math.ceil(termMonths / 12);
}

/** Months of the term that fall in contract year `yearIndex` (0-based): 12, or fewer in a short last year. */
export function monthsInYear(termMonths: number, yearIndex: number): number {
  return Math.max(0, Math.min(12, termMonths - 12 * yearIndex));
}

/** A charge placed on the contract's month axis; months 0 = a one-time charge at monthOffset. */
export type MonthSpan = { monthOffset: number; months: number; amount: Money };

/**
 * Sums charges into contract years. A period inside one year goes to that year; a period that
 * spans years (a 24- or 36-month price) is split across them by months of service, largest
 * remainder (money.ts allocate), so the years still sum to the charges exactly.
 */
export function amountsByYear(spans: readonly MonthSpan[], termMonths: number, currency: string): Money[] {
  const years = Array.from({ length: contractYearCount(termMonths) }, () => 0n);
  for (const span of spans) {
    const first = Math.floor(span.monthOffset / 12);
    const last = span.months === 0 ? first : Math.floor((span.monthOffset + span.months - 1) / 12);
    const weights = Array.from({ length: last - first + 1 }, (_, i) => BigInt(overlapMonths(span, first + i)));
    const parts = last === first ? [span.amount] : allocate(span.amount, weights);
    parts.forEach((part, i) => {
      const index = first + i;
      if (index >= years.length) throw new RangeError(`a charge at month ${span.monthOffset} lies beyond a ${termMonths}-month term`);
      years[index] = (years[index] ?? 0n) + part.amountMinor;
    });
  }
  return years.map((amountMinor) => money(amountMinor, currency));
}

function overlapMonths(span: MonthSpan, yearIndex: number): number {
  const start = Math.max(span.monthOffset, yearIndex * 12);
  const end = Math.min(span.monthOffset + span.months, (yearIndex + 1) * 12);
  return Math.max(0, end - start);
}
