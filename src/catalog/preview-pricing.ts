import { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { moneyFromJson } from '../shared/money.ts';
import { moneyInputSchema, recordId } from './field-schemas.ts';
import { getPrice } from './find-price.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { checkPriceFloor } from './price-floor.ts';
import { priceLine } from './price-line.ts';
import { priceSchema, type Price } from './price-schema.ts';
import { floorViolationSchema, floorViolationToJson, pricedLineSchema, pricedLineToJson, type FloorViolationJson, type PricedLineJson } from './priced-line-json.ts';
import { PricingError } from './pricing-error.ts';
import type { DiscountInput } from './pricing-types.ts';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const previewPricingSchema = z
  .object({
    priceId: recordId.describe('a price version id; superseded versions price as they always did'),
    quantity: count,
    termMonths: z.number().int().positive().max(120).optional().describe('default: one billing period'),
    usageQuantity: count.optional().describe('usage per billing period, usage pricing only'),
    discount: z.union([z.object({ percentBps: z.number().int().min(0).max(10_000) }).strict(), z.object({ amount: moneyInputSchema }).strict()]).optional(),
  })
  .strict();
export type PreviewPricingInput = z.input<typeof previewPricingSchema>;

export const pricingPreviewSchema = z.object({ price: priceSchema, line: pricedLineSchema, floorViolations: z.array(floorViolationSchema) });
export type PricingPreview = { price: Price; line: PricedLineJson; floorViolations: FloorViolationJson[] };

/** Prices one line against a stored version, with its floor violations: the quote builder's preview. */
export async function previewPricing(ctx: Ctx, input: PreviewPricingInput): Promise<PricingPreview> {
  const request = parseInput(previewPricingSchema, input);
  const price = await getPrice(ctx, request.priceId);
  const discount: DiscountInput | undefined =
    request.discount === undefined || 'percentBps' in request.discount ? request.discount : { amount: moneyFromJson(request.discount.amount) };
  try {
    const line = priceLine({ price, quantity: request.quantity, termMonths: request.termMonths, usageQuantity: request.usageQuantity, discount });
    return { price, line: pricedLineToJson(line), floorViolations: checkPriceFloor(line, price).map(floorViolationToJson) };
  } catch (error) {
    throw toFieldError(error);
  }
}

/** Input the engine refuses is the caller's mistake (400); a stored price it cannot read stays a 500. */
function toFieldError(error: unknown): unknown {
  if (!(error instanceof PricingError) || error.code === 'invalid_price_terms') return error;
  return new AppError('validation_failed', error.message, { fieldErrors: [{ field: `body.${error.field}`, message: error.message, code: error.code }], cause: error });
}
