import type { z } from 'zod';
import { FIXED_PERIOD_MONTHS, MULTI_YEAR_MONTHS, type BillingPeriod, type PricingModel, type PriceTier } from './pricing-types.ts';

export type PriceTermsDraft = {
  pricingModel: PricingModel;
  billingPeriod: BillingPeriod;
  periodMonths?: number | undefined;
  billingTiming?: string | undefined;
  unitAmount?: string | undefined;
  tiers?: PriceTier[] | undefined;
  packageSize?: number | undefined;
};

const TIERED: readonly PricingModel[] = ['tiered', 'volume'];

/**
 * Which fields each pricing model needs, as field errors (the database CHECKs say the same, but a
 * CHECK failing is a 500). Runs in the zod schema, so routes and direct service calls agree.
 */
export function checkPriceTerms(terms: PriceTermsDraft, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const tiered = TIERED.includes(terms.pricingModel);
  if (tiered && terms.tiers === undefined) issue(['tiers'], `required for ${terms.pricingModel} pricing`);
  if (!tiered && terms.tiers !== undefined) issue(['tiers'], `only tiered and volume prices have tiers`);
  if (!tiered && terms.unitAmount === undefined) issue(['unitAmount'], `required for ${terms.pricingModel} pricing`);
  if (tiered && terms.unitAmount !== undefined) issue(['unitAmount'], 'tiered and volume prices take their amounts from tiers');
  if ((terms.pricingModel === 'package') !== (terms.packageSize !== undefined)) issue(['packageSize'], 'required for package pricing, and only there');
  if (terms.tiers) checkTierOrder(terms.tiers, issue);
  checkPeriod(terms, issue);
  if (terms.pricingModel === 'usage' && terms.billingTiming === 'in_advance') issue(['billingTiming'], 'usage is billed in arrears');
  if (terms.pricingModel === 'usage' && terms.billingPeriod === 'one_time') issue(['billingPeriod'], 'usage is billed every period');
}

/** Ascending upTo, the last one null (open-ended), so every quantity falls in exactly one tier. */
function checkTierOrder(tiers: PriceTier[], issue: (path: Array<string | number>, message: string) => void): void {
  let previous = 0;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (last && tier.upTo !== null) issue(['tiers', index, 'upTo'], 'the last tier must have upTo null (no upper limit)');
    if (!last && tier.upTo === null) issue(['tiers', index, 'upTo'], 'only the last tier may have upTo null');
    if (tier.upTo !== null && tier.upTo <= previous) issue(['tiers', index, 'upTo'], `must be above the previous tier's upTo (${previous})`);
    previous = tier.upTo ?? previous;
  });
}

function checkPeriod(terms: PriceTermsDraft, issue: (path: Array<string | number>, message: string) => void): void {
  if (terms.billingPeriod === 'multi_year') {
    if (!MULTI_YEAR_MONTHS.some((months) => months === terms.periodMonths)) issue(['periodMonths'], `multi_year needs periodMonths ${MULTI_YEAR_MONTHS.join(' or ')}`);
    return;
  }
  const fixed = FIXED_PERIOD_MONTHS[terms.billingPeriod];
  if (terms.periodMonths !== undefined && terms.periodMonths !== fixed) issue(['periodMonths'], `${terms.billingPeriod} is ${fixed ?? 'no'} months; leave periodMonths out`);
}

/** The stored period length: fixed by the period, chosen only for multi_year. */
export function periodMonthsOf(billingPeriod: BillingPeriod, periodMonths: number | undefined): number | null {
  return billingPeriod === 'multi_year' ? (periodMonths ?? null) : FIXED_PERIOD_MONTHS[billingPeriod];
}
