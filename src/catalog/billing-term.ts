import { PricingError } from './pricing-error.ts';
import type { ChargeKind, PriceTerms } from './pricing-types.ts';

export type BillingTerm = { chargeKind: ChargeKind; periodMonths: number | null; termMonths: number | null; periods: number };

// Ten years: longer terms are typos, and billing's own limit is lower.
const MAX_TERM_MONTHS = 120;

/**
 * How many periods a line runs. A one-time charge runs once whatever the term. A recurring
 * term must be whole periods: a partial period is proration, which belongs to billing.
 */
export function billingTermOf(price: PriceTerms, termMonths: number | undefined): BillingTerm {
  if (price.billingPeriod === 'one_time') return { chargeKind: 'one_time', periodMonths: null, termMonths: null, periods: 1 };
  const periodMonths = price.periodMonths;
  if (periodMonths === null || !Number.isSafeInteger(periodMonths) || periodMonths < 1) {
    throw new PricingError('invalid_price_terms', 'price', 'a recurring price needs periodMonths of at least 1');
  }
  const term = termMonths ?? periodMonths;
  if (!Number.isSafeInteger(term) || term < periodMonths || term > MAX_TERM_MONTHS || term % periodMonths !== 0) {
    throw new PricingError('invalid_term', 'termMonths', `termMonths must be a multiple of ${periodMonths} between ${periodMonths} and ${MAX_TERM_MONTHS}, got ${term}`);
  }
  const chargeKind = price.pricingModel === 'usage' ? 'usage' : 'recurring';
  return { chargeKind, periodMonths, termMonths: term, periods: term / periodMonths };
}
