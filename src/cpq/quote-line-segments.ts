import { PricingError, priceLine, splitIntoPeriods, type DiscountInput, type FloorTerms, type PricedLine, type PriceTerms } from '../catalog/index.ts';
import { money } from '../shared/money.ts';
import { contractYearCount, monthsInYear, type MonthSpan } from './contract-years.ts';
import { QuotePricingError } from './quote-pricing-error.ts';

export type LineDiscount = { percentBps: number } | { amountMinor: bigint };
/** One contract year of a ramp: its quantity and, optionally, its own percentage discount. */
export type RampSegment = { year: number; quantity: number; discountBps: number | null };

export type QuoteLineTerms = {
  lineNumber: number;
  price: PriceTerms & FloorTerms;
  quantity: number;
  discount: LineDiscount | null;
  ramp: RampSegment[] | null;
};

/** One priced stretch of a line: the whole term (year null), or one ramp year. */
export type LineSegment = { year: number | null; monthOffset: number; priced: PricedLine };
/** One billing period of a line on the contract's month axis, tagged with its segment. */
export type PeriodSlot = MonthSpan & { segmentIndex: number };

/**
 * Prices a line with the catalog's priceLine: once over the whole term, or (ramp) once per
 * contract year with that year's quantity and discount. Each call rounds once (docs/pricing.md),
 * so a ramped line is rounded once per year.
 */
export function priceLineSegments(terms: QuoteLineTerms, termMonths: number): LineSegment[] {
  if (terms.ramp === null) {
    const discount = toDiscountInput(terms, terms.discount);
    return [{ year: null, monthOffset: 0, priced: priced(terms, { quantity: terms.quantity, termMonths, discount }) }];
  }
  assertRampShape(terms, terms.ramp, termMonths);
  const lineDiscount = terms.discount;
  return terms.ramp.map((segment) => {
    const percentBps = segment.discountBps ?? (lineDiscount !== null && 'percentBps' in lineDiscount ? lineDiscount.percentBps : null);
    const months = monthsInYear(termMonths, segment.year - 1);
    const discount = percentBps === null ? undefined : { percentBps };
    return { year: segment.year, monthOffset: (segment.year - 1) * 12, priced: priced(terms, { quantity: segment.quantity, termMonths: months, discount }) };
  });
}

/**
 * The segment's net split into its billing periods by largest remainder (the catalog's
 * splitIntoPeriods), placed on the month axis; a one-time charge is one slot of 0 months.
 */
export function periodSlots(segment: LineSegment, segmentIndex: number): PeriodSlot[] {
  const { priced: line } = segment;
  if (line.periodMonths === null) return [{ segmentIndex, monthOffset: segment.monthOffset, months: 0, amount: line.netAmount }];
  const periodMonths = line.periodMonths;
  return splitIntoPeriods(line.netAmount, line.periods).map((amount, i) => ({
    segmentIndex, monthOffset: segment.monthOffset + i * periodMonths, months: periodMonths, amount,
  }));
}

type Run = { quantity: number; termMonths: number; discount: DiscountInput | undefined };

function priced(terms: QuoteLineTerms, run: Run): PricedLine {
  try {
    return priceLine({ price: terms.price, ...run });
  } catch (error) {
    if (error instanceof PricingError) throw new QuotePricingError(error.code, terms.lineNumber, error.field, error.message);
    throw error;
  }
}

function toDiscountInput(terms: QuoteLineTerms, discount: LineDiscount | null): DiscountInput | undefined {
  if (discount === null) return undefined;
  if ('percentBps' in discount) return discount;
  return { amount: money(discount.amountMinor, terms.price.currency) };
}

/** A ramp lists every contract year once, in order, of a price that bills within a year. */
function assertRampShape(terms: QuoteLineTerms, ramp: RampSegment[], termMonths: number): void {
  const fail = (why: string): never => {
    throw new QuotePricingError('invalid_ramp', terms.lineNumber, 'ramp', why);
  };
  const { billingPeriod, periodMonths } = terms.price;
  if (billingPeriod === 'one_time') fail('a one-time charge cannot ramp');
  if (periodMonths === null || 12 % periodMonths !== 0) fail('only monthly, quarterly and annual prices can ramp by contract year');
  if (terms.discount !== null && 'amountMinor' in terms.discount) {
    fail('an amount discount on a ramped line is ambiguous; give each year a percentage (discountBps) or use the header discount');
  }
  const years = contractYearCount(termMonths);
  if (ramp.length !== years || ramp.some((segment, i) => segment.year !== i + 1)) {
    fail(`a ramp lists each of the ${years} contract years once, in order (years 1 to ${years})`);
  }
}
