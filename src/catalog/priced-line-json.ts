import { z } from 'zod';
import { formatDecimal, moneyToJson } from '../shared/money.ts';
import { moneyResponseSchema } from './field-schemas.ts';
import type { FloorViolation } from './price-floor.ts';
import { PRICING_MODELS, type PricedLine } from './pricing-types.ts';

// JSON for a priced line: exact decimals as text, money as { amountMinor, currency } (STYLE.md
// "Money"). Counts are numbers: they come from safe-integer inputs and never exceed them.
const decimalText = z.string().describe('exact decimal, major units');

export const tierChargeSchema = z.object({
  tierIndex: z.number().int().nullable(),
  quantity: z.number().int(),
  unitAmount: decimalText,
  flatAmount: decimalText,
  amount: decimalText.describe('exact, one period, before the line is rounded'),
});

export const pricedLineSchema = z.object({
  currency: z.string(),
  pricingModel: z.enum(PRICING_MODELS),
  chargeKind: z.enum(['recurring', 'usage', 'one_time']),
  quantity: z.number().int(),
  billableQuantity: z.number().int(),
  unitPrice: decimalText,
  listPerPeriod: decimalText,
  periodMonths: z.number().int().nullable(),
  termMonths: z.number().int().nullable(),
  periods: z.number().int(),
  listAmount: moneyResponseSchema,
  discountAmount: moneyResponseSchema,
  netAmount: moneyResponseSchema,
  perPeriodAmount: moneyResponseSchema,
  mrr: moneyResponseSchema,
  breakdown: z.array(tierChargeSchema),
});
export type PricedLineJson = z.infer<typeof pricedLineSchema>;

export const floorViolationSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('below_min_price'), minimumNet: moneyResponseSchema, netAmount: moneyResponseSchema }),
  z.object({ code: z.literal('discount_above_max'), maxDiscountBps: z.number().int(), discountBps: z.number().int() }),
]);
export type FloorViolationJson = z.infer<typeof floorViolationSchema>;

export function pricedLineToJson(line: PricedLine): PricedLineJson {
  return {
    ...line,
    quantity: Number(line.quantity),
    billableQuantity: Number(line.billableQuantity),
    unitPrice: formatDecimal(line.unitPrice),
    listPerPeriod: formatDecimal(line.listPerPeriod),
    listAmount: moneyToJson(line.listAmount),
    discountAmount: moneyToJson(line.discountAmount),
    netAmount: moneyToJson(line.netAmount),
    perPeriodAmount: moneyToJson(line.perPeriodAmount),
    mrr: moneyToJson(line.mrr),
    breakdown: line.breakdown.map((charge) => ({
      tierIndex: charge.tierIndex,
      quantity: Number(charge.quantity),
      unitAmount: formatDecimal(charge.unitAmount),
      flatAmount: formatDecimal(charge.flatAmount),
      amount: formatDecimal(charge.amount),
    })),
  };
}

export function floorViolationToJson(violation: FloorViolation): FloorViolationJson {
  if (violation.code === 'discount_above_max') return violation;
  return { code: violation.code, minimumNet: moneyToJson(violation.minimumNet), netAmount: moneyToJson(violation.netAmount) };
}
