import type { QuotePricing } from './price-quote.ts';

/** What approval conditions can test (docs/cpq.md "Approval rules"). */
export const METRICS = [
  'maxLineDiscountBps', 'discountBps', 'totalDiscountBps', 'acvMinor', 'tcvMinor', 'termMonths', 'paymentTermsDays', 'belowFloor', 'currency',
] as const;
export type Metric = (typeof METRICS)[number];
export const NUMERIC_METRICS: readonly Metric[] = ['maxLineDiscountBps', 'discountBps', 'totalDiscountBps', 'acvMinor', 'tcvMinor', 'termMonths', 'paymentTermsDays'];
/** Amounts in minor units compare only within one currency, so a condition on them names it. */
export const MONEY_METRICS: readonly Metric[] = ['acvMinor', 'tcvMinor'];

export type MetricValue = bigint | boolean | string;
export type QuoteMetrics = Record<Metric, MetricValue> & {
  maxLineDiscountBps: bigint;
  discountBps: bigint;
  totalDiscountBps: bigint;
  acvMinor: bigint;
  tcvMinor: bigint;
  termMonths: bigint;
  paymentTermsDays: bigint;
  belowFloor: boolean;
  currency: string;
};

/**
 * The metrics of a priced quote:
 * - maxLineDiscountBps: the deepest discount a line gives on its own (line and ramp discounts);
 * - discountBps: the header discount as a share of the subtotal it comes off;
 * - totalDiscountBps: everything off list, (list − TCV) ÷ list;
 * - belowFloor: some line (or ramp year) pays less than its price floor allows.
 * Shares are whole basis points rounded **up**, as checkPriceFloor reports them: a discount is
 * never shown smaller than it is, so "more than 20 %" fires for 20.01 %.
 */
export function quoteMetrics(pricing: QuotePricing, quote: { termMonths: number; paymentTermsDays: number }): QuoteMetrics {
  const lineShares = pricing.lines.map((line) => ceilBps(line.lineDiscount.amountMinor, line.list.amountMinor));
  return {
    maxLineDiscountBps: lineShares.reduce((max, share) => (share > max ? share : max), 0n),
    discountBps: ceilBps(pricing.headerDiscount.amountMinor, pricing.subtotal.amountMinor),
    totalDiscountBps: ceilBps(pricing.list.amountMinor - pricing.tcv.amountMinor, pricing.list.amountMinor),
    acvMinor: pricing.acv.amountMinor,
    tcvMinor: pricing.tcv.amountMinor,
    termMonths: BigInt(quote.termMonths),
    paymentTermsDays: BigInt(quote.paymentTermsDays),
    belowFloor: pricing.lines.some((line) => line.floorViolations.length > 0),
    currency: pricing.currency,
  };
}

/** part ÷ whole in bps, rounded up; nothing to discount (whole 0) is 0. */
export function ceilBps(part: bigint, whole: bigint): bigint {
  if (whole <= 0n || part <= 0n) return 0n;
  return (part * 10_000n + whole - 1n) / whole;
}
