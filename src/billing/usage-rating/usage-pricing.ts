import { z } from 'zod';
import { parseTiers, PricingError, type PriceTier } from '../../catalog/index.ts';
import { divideRounded, roundDecimalToMoney } from '../../shared/money.ts';
import type { UsageAggregation } from './aggregate-usage.ts';
import { usageChargeDecimal, type UsagePrice } from './rate-usage.ts';

export const USAGE_AGGREGATIONS = ['sum', 'count', 'max', 'unique_count', 'latest'] as const satisfies readonly UsageAggregation[];
export const USAGE_PRICE_MODELS = ['per_unit', 'graduated', 'volume', 'package'] as const;

/**
 * A usage item's pricing (docs/billing.md "Usage"), stored as JSON on the item version: how a
 * period's events aggregate, the price model — per unit uses the item's unit price; graduated and
 * volume their tiers (amounts in major units, exact decimals, the catalog's tier maths); package a
 * price per started package — and an optional minimum commitment per whole period, in minor units.
 */
export type UsagePricing = {
  aggregation: UsageAggregation;
  model: (typeof USAGE_PRICE_MODELS)[number];
  tiers?: PriceTier[] | undefined;
  packageSize?: number | undefined;
  packageAmount?: string | undefined;
  minimumMinor?: number | null | undefined;
};

const decimalText = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'an unsigned decimal in major units, e.g. "0.05"');
const tierSchema = z.strictObject({ upTo: z.int().positive().max(1e15).nullable(), unitAmount: decimalText, flatAmount: decimalText.optional() });

export const usagePricingSchema = z.strictObject({
  aggregation: z.enum(USAGE_AGGREGATIONS).describe('How a period\'s events become its quantity'),
  model: z.enum(USAGE_PRICE_MODELS).describe('per_unit: the item\'s unit price; graduated/volume: tiers; package: packageAmount per started packageSize units'),
  tiers: z.array(tierSchema).min(1).max(50).optional(),
  packageSize: z.int().positive().max(1e12).optional(),
  packageAmount: decimalText.optional(),
  minimumMinor: z.int().min(0).max(1e15).nullable().optional().describe('Minimum commitment per whole billing period (prorated by days); usage below it is trued up'),
}).superRefine((pricing, context) => {
  const tiered = pricing.model === 'graduated' || pricing.model === 'volume';
  if (tiered && pricing.tiers === undefined) context.addIssue({ code: 'custom', path: ['tiers'], message: `${pricing.model} pricing needs tiers` });
  if (!tiered && pricing.tiers !== undefined) context.addIssue({ code: 'custom', path: ['tiers'], message: `tiers are for graduated or volume pricing, not ${pricing.model}` });
  if (tiered && pricing.tiers !== undefined) {
    try {
      parseTiers(pricing.tiers);
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
      context.addIssue({ code: 'custom', path: ['tiers'], message: error.message });
    }
  }
  const packaged = pricing.model === 'package';
  for (const field of ['packageSize', 'packageAmount'] as const) {
    if (packaged && pricing[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'package pricing needs packageSize and packageAmount' });
    if (!packaged && pricing[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: `${field} is for package pricing, not ${pricing.model}` });
  }
});

/** The canonical text of a pricing (key order fixed), so two versions compare by value. */
export function usagePricingKey(pricing: UsagePricing | null | undefined): string {
  if (pricing === null || pricing === undefined) return 'null';
  const { aggregation, model, tiers, packageSize, packageAmount, minimumMinor } = pricing;
  return JSON.stringify([aggregation, model, tiers?.map((tier) => [tier.upTo, tier.unitAmount, tier.flatAmount ?? null]) ?? null, packageSize ?? null, packageAmount ?? null, minimumMinor ?? null]);
}

export type RatedUsagePeriod = { ratedMinor: bigint; minimumMinor: bigint | null; targetMinor: bigint };

/**
 * A usage charge under a pricing: the period's quantity rated by the model (per unit: `perUnitMinor`,
 * the item's own price maths), less the discount, rounded half-up once; a minimum commitment is
 * prorated by the billable days (half-up) and the charge is at least that (the true-up is the gap).
 */
export function rateUsagePeriod(
  pricing: UsagePricing, quantity: bigint, currency: string,
  terms: { discountBps: number; perUnitMinor: (quantity: bigint) => bigint; billableDays: number; periodDays: number },
): RatedUsagePeriod {
  const ratedMinor = pricing.model === 'per_unit' ? terms.perUnitMinor(quantity) : discounted(usageChargeDecimal(priceOf(pricing), quantity), terms.discountBps, currency);
  if (pricing.minimumMinor === null || pricing.minimumMinor === undefined) return { ratedMinor, minimumMinor: null, targetMinor: ratedMinor };
  const minimumMinor = divideRounded(BigInt(pricing.minimumMinor) * BigInt(terms.billableDays), BigInt(Math.max(1, terms.periodDays)), 'half_up');
  return { ratedMinor, minimumMinor, targetMinor: ratedMinor > minimumMinor ? ratedMinor : minimumMinor };
}

function priceOf(pricing: UsagePricing): UsagePrice {
  if (pricing.model === 'package') return { model: 'package', packageAmount: pricing.packageAmount ?? '0', packageSize: BigInt(pricing.packageSize ?? 1) };
  if (pricing.model === 'graduated' || pricing.model === 'volume') return { model: pricing.model, tiers: pricing.tiers ?? [] };
  throw new RangeError('per-unit usage is rated with the item\'s unit price');
}

/** Exact charge × (1 − discount), rounded half-up to the minor unit once. */
function discounted(charge: ReturnType<typeof usageChargeDecimal>, discountBps: number, currency: string): bigint {
  const exact = { coefficient: charge.coefficient * BigInt(10_000 - discountBps), scale: charge.scale + 4 };
  return roundDecimalToMoney(exact, currency, 'half_up').amountMinor;
}

