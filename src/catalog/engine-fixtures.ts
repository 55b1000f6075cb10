import type { PriceTerms, PriceTier } from './pricing-types.ts';

/** Price terms for engine tests: EUR per-unit monthly at 10.00 unless told otherwise. */
export function makePriceTerms(overrides: Partial<PriceTerms> = {}): PriceTerms {
  return {
    currency: 'EUR',
    pricingModel: 'per_unit',
    billingPeriod: 'monthly',
    periodMonths: 1,
    unitAmount: '10.00',
    tiers: null,
    packageSize: null,
    ...overrides,
  };
}

/** 1–10 at 10.00, 11–50 at 8.00 plus 5.00 once reached, 51+ at 6.50. */
export const SEAT_TIERS: PriceTier[] = [
  { upTo: 10, unitAmount: '10.00' },
  { upTo: 50, unitAmount: '8.00', flatAmount: '5.00' },
  { upTo: null, unitAmount: '6.50' },
];

export function tieredTerms(pricingModel: 'tiered' | 'volume', tiers: PriceTier[] = SEAT_TIERS): PriceTerms {
  return makePriceTerms({ pricingModel, unitAmount: null, tiers });
}
