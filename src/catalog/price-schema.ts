import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../shared/db/tables.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { currencySchema, decimalTextSchema, instantSchema, moneyInputSchema, moneyResponseSchema, recordId } from './field-schemas.ts';
import { checkPriceTerms } from './price-terms-rules.ts';
import { BILLING_PERIODS, BILLING_TIMINGS, PRICING_MODELS, type BillingPeriod, type BillingTiming, type PricingModel } from './pricing-types.ts';

const MAX_INT4 = 2_147_483_647;

export const tierSchema = z
  .object({
    upTo: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().describe('inclusive upper quantity; null on the last tier'),
    unitAmount: decimalTextSchema,
    flatAmount: decimalTextSchema.optional().describe('charged once when at least one unit falls in the tier'),
  })
  .strict();

const termFields = {
  currency: currencySchema.optional().describe("must be the price book's currency; defaults to it"),
  pricingModel: z.enum(PRICING_MODELS),
  billingPeriod: z.enum(BILLING_PERIODS),
  periodMonths: z.number().int().positive().optional().describe('multi_year only: 24 or 36; fixed for the other periods'),
  billingTiming: z.enum(BILLING_TIMINGS).optional().describe('default: in_arrears for usage, in_advance otherwise'),
  unitAmount: decimalTextSchema.optional().describe('flat, per_unit, package (per package) and usage'),
  tiers: z.array(tierSchema).min(1).max(50).optional().describe('tiered and volume'),
  packageSize: z.number().int().positive().max(MAX_INT4).optional(),
  minPrice: moneyInputSchema.nullable().default(null).describe('floor per billable unit per period'),
  maxDiscountBps: z.number().int().min(0).max(10_000).nullable().default(null),
  effectiveAt: instantSchema.optional().describe('when the version takes effect; default now, never in the past'),
};

/** POST /price-books/:id/prices: a new immutable version for one product. */
export const setPriceBodySchema = z.object({ productId: recordId, ...termFields }).strict().superRefine(checkPriceTerms);
export const setPriceSchema = z.object({ priceBookId: recordId, productId: recordId, ...termFields }).strict().superRefine(checkPriceTerms);
export type SetPriceInput = z.input<typeof setPriceSchema>;
export type SetPriceFields = z.output<typeof setPriceSchema>;

export const priceSchema = z.object({
  id: z.string(),
  priceBookId: z.string(),
  productId: z.string(),
  version: z.number().int(),
  currency: z.string(),
  pricingModel: z.enum(PRICING_MODELS),
  billingPeriod: z.enum(BILLING_PERIODS),
  periodMonths: z.number().int().nullable(),
  billingTiming: z.enum(BILLING_TIMINGS),
  unitAmount: z.string().nullable(),
  tiers: z.array(tierSchema).nullable(),
  packageSize: z.number().int().nullable(),
  minPrice: moneyResponseSchema.nullable(),
  maxDiscountBps: z.number().int().nullable(),
  effectiveAt: z.string(),
  supersededAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Price = z.infer<typeof priceSchema>;

export const listPriceBookQuerySchema = pageQuerySchema.extend({ at: instantSchema.optional().describe('default now') }).strict();
export type ListPriceBookQuery = z.input<typeof listPriceBookQuerySchema>;

export type PricesTable = {
  id: string;
  price_book_id: string;
  product_id: string;
  version: number;
  currency: string;
  pricing_model: PricingModel;
  billing_period: BillingPeriod;
  period_months: number | null;
  billing_timing: BillingTiming;
  unit_amount: string | null;
  tiers: Json | null;
  package_size: number | null;
  min_price_minor: bigint | null;
  max_discount_bps: number | null;
  effective_at: Timestamp;
  superseded_at: Timestamp | null;
  created_at: Timestamp;
};
export type PriceRow = Selectable<PricesTable>;
