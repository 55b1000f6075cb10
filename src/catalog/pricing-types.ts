import type { Decimal, Money, MoneyJson } from '../shared/money.ts';

/** The vocabularies shared by the tables, the zod schemas and the pricing engine. */
export const PRICING_MODELS = ['flat', 'per_unit', 'tiered', 'volume', 'package', 'usage'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** 'one_time' is charged once and has no period length; the others recur every periodMonths. */
export const BILLING_PERIODS = ['one_time', 'monthly', 'quarterly', 'annual', 'multi_year'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export const BILLING_TIMINGS = ['in_advance', 'in_arrears'] as const;
export type BillingTiming = (typeof BILLING_TIMINGS)[number];

/** Multi-year lengths billing accepts (subscription_items.billing_interval_months). */
export const MULTI_YEAR_MONTHS = [24, 36] as const;
export const FIXED_PERIOD_MONTHS: Record<Exclude<BillingPeriod, 'multi_year'>, number | null> = {
  one_time: null,
  monthly: 1,
  quarterly: 3,
  annual: 12,
};

/** upTo is inclusive: a tier covers (previous upTo, upTo]; the last tier has upTo null (no limit). */
export type PriceTier = { upTo: number | null; unitAmount: string; flatAmount?: string | undefined };

/** The part of a price version the engine reads; a stored Price satisfies it. */
export type PriceTerms = {
  currency: string;
  pricingModel: PricingModel;
  billingPeriod: BillingPeriod;
  periodMonths: number | null;
  /** Exact decimal text in major units (sub-cent allowed); null for tiered and volume. */
  unitAmount: string | null;
  tiers: PriceTier[] | null;
  packageSize: number | null;
};

/** Floor terms: minPrice is per billable unit per period, in minor units (see docs/pricing.md). */
export type FloorTerms = { currency: string; minPrice: MoneyJson | null; maxDiscountBps: number | null };

export type DiscountInput = { percentBps: number } | { amount: Money };

export type PriceLineInput = {
  price: PriceTerms;
  /** Units of the product (seats, packages' content, one-time items); ignored by flat and usage. */
  quantity: number | bigint;
  /** Contract months; a multiple of the price's periodMonths. Defaults to one period. */
  termMonths?: number | undefined;
  /** Usage per billing period, for the usage model only (default 0: nothing is committed). */
  usageQuantity?: number | bigint | undefined;
  discount?: DiscountInput | undefined;
};

/** One tier's (or the single charge's) share of one period, exact and unrounded. */
export type TierCharge = {
  tierIndex: number | null;
  quantity: bigint;
  unitAmount: Decimal;
  flatAmount: Decimal;
  amount: Decimal;
};

export type ChargeKind = 'recurring' | 'usage' | 'one_time';

export type PricedLine = {
  currency: string;
  pricingModel: PricingModel;
  chargeKind: ChargeKind;
  quantity: bigint;
  /** What the amounts count: 1 for flat, packages for package, usage for usage, else quantity. */
  billableQuantity: bigint;
  /** List price of one billable unit for one period (see docs/pricing.md for tiered). */
  unitPrice: Decimal;
  /** Exact list amount of one period, before the line is rounded. */
  listPerPeriod: Decimal;
  periodMonths: number | null;
  termMonths: number | null;
  periods: number;
  listAmount: Money;
  discountAmount: Money;
  netAmount: Money;
  /** The first period's share of netAmount (largest remainder, see splitLineIntoPeriods). */
  perPeriodAmount: Money;
  mrr: Money;
  breakdown: TierCharge[];
};
