import { checkPriceFloor, type ChargeKind, type FloorViolation } from '../catalog/index.ts';
import { divideRounded, money, subtract, sum, type Money } from '../shared/money.ts';
import { amountsByYear, monthsInYear } from './contract-years.ts';
import { allocateOrZero, headerDiscountOf, type HeaderDiscount } from './discount-allocation.ts';
import { periodSlots, priceLineSegments, type LineSegment, type PeriodSlot, type QuoteLineTerms } from './quote-line-segments.ts';
import { QuotePricingError } from './quote-pricing-error.ts';

export type QuotePricingInput = { currency: string; termMonths: number; headerDiscount: HeaderDiscount | null; lines: QuoteLineTerms[] };

export type PricedQuoteLine = {
  lineNumber: number;
  chargeKind: ChargeKind;
  oneTime: boolean;
  segments: LineSegment[];
  list: Money;
  /** The line's own discount (line and ramp-year discounts). */
  lineDiscount: Money;
  /** The line's share of the header discount (largest remainder over line nets). */
  headerDiscount: Money;
  /** list − lineDiscount − headerDiscount: what the customer pays for the line over the term. */
  net: Money;
  /** Final amount per billing period (header share included); sums to net. */
  periods: PeriodSlot[];
  years: Money[];
  firstYear: Money;
  mrr: Money;
  floorViolations: FloorViolation[];
};

export type QuotePricing = {
  currency: string;
  list: Money;
  lineDiscount: Money;
  subtotal: Money;
  headerDiscount: Money;
  tcv: Money;
  oneTime: Money;
  recurring: Money;
  acv: Money;
  firstYear: Money;
  mrr: Money;
  arr: Money;
  years: Money[];
  lines: PricedQuoteLine[];
};

type DraftLine = { terms: QuoteLineTerms; segments: LineSegment[]; slots: PeriodSlot[]; list: Money; net: Money };

/**
 * Prices a quote exactly (docs/cpq.md): each line with the catalog's priceLine, then the header
 * discount split over the lines by largest remainder on their nets, then each line's share split
 * over its billing periods the same way. Every split is money.ts allocate, so the periods sum to
 * the line, the lines to the quote, and the years to TCV, to the minor unit. Pure: no database.
 */
export function priceQuote(input: QuotePricingInput): QuotePricing {
  const { currency, termMonths } = input;
  const drafts = input.lines.map((terms) => draftLine(terms, termMonths, currency));
  const subtotal = sum(drafts.map((draft) => draft.net), currency);
  const headerDiscount = headerDiscountOf(subtotal, input.headerDiscount);
  const shares = allocateOrZero(headerDiscount, drafts.map((draft) => draft.net.amountMinor));
  const finished = drafts.map((draft, i) => finishLine(draft, shares[i] ?? money(0n, currency), termMonths));
  const { mrr, lineMrrs } = monthlyRecurring(finished, termMonths, currency);
  const lines = finished.map((line, i) => ({ ...line, mrr: lineMrrs[i] ?? money(0n, currency) }));
  const tcv = subtract(subtotal, headerDiscount);
  const oneTime = sum(lines.filter((line) => line.oneTime).map((line) => line.net), currency);
  const years = amountsByYear(lines.flatMap((line) => line.periods), termMonths, currency);
  return {
    currency,
    list: sum(lines.map((line) => line.list), currency),
    lineDiscount: sum(lines.map((line) => line.lineDiscount), currency),
    subtotal,
    headerDiscount,
    tcv,
    oneTime,
    recurring: subtract(tcv, oneTime),
    // ACV = TCV ÷ term in years = TCV × 12 ÷ termMonths, rounded once, half-up.
    acv: money(divideRounded(tcv.amountMinor * 12n, BigInt(termMonths), 'half_up'), currency),
    firstYear: years[0] ?? money(0n, currency),
    mrr,
    arr: money(mrr.amountMinor * 12n, currency),
    years,
    lines,
  };
}

function draftLine(terms: QuoteLineTerms, termMonths: number, currency: string): DraftLine {
  if (terms.price.currency !== currency) {
    throw new QuotePricingError('currency_mismatch', terms.lineNumber, 'priceId', `the price is in ${terms.price.currency}, the quote in ${currency}`);
  }
  const segments = priceLineSegments(terms, termMonths);
  const slots = segments.flatMap((segment, i) => periodSlots(segment, i));
  const list = sum(segments.map((segment) => segment.priced.listAmount), currency);
  const net = sum(segments.map((segment) => segment.priced.netAmount), currency);
  return { terms, segments, slots, list, net };
}

type FinishedLine = Omit<PricedQuoteLine, 'mrr'>;

/** Spreads the line's header share over its periods (largest remainder on period amounts). */
function finishLine(draft: DraftLine, headerShare: Money, termMonths: number): FinishedLine {
  const { currency } = headerShare;
  const periodShares = allocateOrZero(headerShare, draft.slots.map((slot) => slot.amount.amountMinor));
  const periods = draft.slots.map((slot, i) => ({ ...slot, amount: subtract(slot.amount, periodShares[i] ?? money(0n, currency)) }));
  const years = amountsByYear(periods, termMonths, currency);
  const chargeKind = draft.segments[0]?.priced.chargeKind ?? 'recurring';
  return {
    lineNumber: draft.terms.lineNumber,
    chargeKind,
    oneTime: chargeKind === 'one_time',
    segments: draft.segments,
    list: draft.list,
    lineDiscount: subtract(draft.list, draft.net),
    headerDiscount: headerShare,
    net: subtract(draft.net, headerShare),
    periods,
    years,
    firstYear: years[0] ?? money(0n, currency),
    floorViolations: floorViolationsOf(draft, periods),
  };
}

/**
 * Floors are checked per segment on what the customer finally pays (the header share included):
 * a header discount cannot hide a price below its floor.
 */
function floorViolationsOf(draft: DraftLine, periods: PeriodSlot[]): FloorViolation[] {
  return draft.segments.flatMap((segment, index) => {
    const currency = segment.priced.currency;
    const finalNet = sum(periods.filter((slot) => slot.segmentIndex === index).map((slot) => slot.amount), currency);
    const line = { ...segment.priced, netAmount: finalNet, discountAmount: subtract(segment.priced.listAmount, finalNet) };
    return checkPriceFloor(line, draft.terms.price);
  });
}

/**
 * MRR is the first contract year's recurring amount over its months, rounded once, half-up; ARR
 * is 12 × MRR. The quote's MRR is split over the recurring lines by largest remainder on their
 * first-year amounts, so line MRRs sum to the quote's exactly.
 */
function monthlyRecurring(lines: FinishedLine[], termMonths: number, currency: string): { mrr: Money; lineMrrs: Money[] } {
  const weights = lines.map((line) => (line.oneTime ? 0n : line.firstYear.amountMinor));
  const firstYearRecurring = weights.reduce((total, weight) => total + weight, 0n);
  const mrr = money(divideRounded(firstYearRecurring, BigInt(monthsInYear(termMonths, 0)), 'half_up'), currency);
  return { mrr, lineMrrs: allocateOrZero(mrr, weights) };
}
