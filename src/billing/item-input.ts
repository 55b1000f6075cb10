import { z } from 'zod';
import { parseDecimal, roundDecimalToMoney } from '../shared/money.ts';
import { decimalTextSchema, itemKeySchema, nonNegativeMinorSchema, quantitySchema, text } from './fields.ts';
import { definedOnly, termsProblem, type ItemChange, type ItemTerms } from './item-versions.ts';
import { fieldError } from './field-errors.ts';
import { BILLING_INTERVALS_MONTHS, ITEM_KINDS, ITEM_TIMINGS } from './tables.ts';
import { usagePricingSchema } from './usage-rating/usage-pricing.ts';

const usageSchema = usagePricingSchema.nullable().optional()
  .describe('Usage items: aggregation (sum, count, max, unique_count, latest), price model (per_unit, graduated, volume, package) and minimum; absent = sum × unit price');

const intervalSchema = z.literal(BILLING_INTERVALS_MONTHS).describe('Months per billing period: 1, 3, 12, 24 or 36');
const priceFields = {
  unitPriceMinor: nonNegativeMinorSchema.optional().describe('Price per unit per billing period, in minor units'),
  unitPriceDecimal: decimalTextSchema.optional().describe('Usage items only: an exact price in major units below one minor unit, e.g. "0.0015"'),
};
const amountMinorSchema = nonNegativeMinorSchema.nullable().optional()
  .describe('Exact amount per billing period for the whole quantity, net of discounts (one-time: the whole fee); billed instead of quantity × unit price. Not for usage items');

/** One item as first written. Defaults: recurring, monthly, in advance (usage: in arrears), no discount. */
export const itemInputSchema = z.strictObject({
  itemKey: itemKeySchema,
  description: text(500).nullable().default(null),
  kind: z.enum(ITEM_KINDS).default('recurring'),
  quantity: quantitySchema,
  ...priceFields,
  discountBps: z.int().min(0).max(10_000).default(0).describe('Discount in basis points: 1000 = 10%'),
  amountMinor: amountMinorSchema,
  billingIntervalMonths: intervalSchema.nullable().optional(),
  timing: z.enum(ITEM_TIMINGS).optional(),
  usage: usageSchema,
});
export type ItemInput = z.input<typeof itemInputSchema>;

const itemUpdateSchema = z.strictObject({
  action: z.literal('update'),
  itemKey: itemKeySchema,
  description: text(500).nullable().optional(),
  quantity: quantitySchema.optional(),
  ...priceFields,
  discountBps: z.int().min(0).max(10_000).optional(),
  amountMinor: amountMinorSchema,
  billingIntervalMonths: intervalSchema.optional(),
  timing: z.enum(ITEM_TIMINGS).optional(),
  usage: usageSchema,
});

/** add: a new item; update: new terms for an existing item (absent fields unchanged); remove: the item ends. */
export const itemChangeSchema = z.discriminatedUnion('action', [
  itemInputSchema.extend({ action: z.literal('add') }).strict(),
  itemUpdateSchema,
  z.strictObject({ action: z.literal('remove'), itemKey: itemKeySchema }),
]);
export type ItemChangeInput = z.input<typeof itemChangeSchema>;

type ParsedItem = z.output<typeof itemInputSchema>;
type ParsedChange = z.output<typeof itemChangeSchema>;
type PriceInput = { unitPriceMinor?: bigint | undefined; unitPriceDecimal?: string | undefined };

export function toItemTerms(input: ParsedItem, currency: string, field: string): ItemTerms {
  // A tiered or package usage price is in its pricing: no unit price is needed (it is 0, informational).
  const priced = input.usage !== undefined && input.usage !== null && input.usage.model !== 'per_unit';
  const price = resolvePrice(input, currency, field) ?? (priced ? { unitPriceMinor: 0n, unitPriceDecimal: null } : undefined);
  if (!price) throw fieldError(`${field}.unitPriceMinor`, 'required (or unitPriceDecimal for a usage item)');
  const terms: ItemTerms = {
    description: input.description,
    kind: input.kind,
    quantity: input.quantity,
    ...price,
    discountBps: input.discountBps,
    amountMinor: input.amountMinor ?? null,
    billingIntervalMonths: input.billingIntervalMonths === undefined ? (input.kind === 'one_time' ? null : 1) : input.billingIntervalMonths,
    timing: input.timing ?? (input.kind === 'usage' ? 'in_arrears' : 'in_advance'),
    usagePricing: input.usage ?? null,
  };
  const problem = termsProblem(terms);
  if (problem) throw fieldError(field, problem);
  return terms;
}

export function toItemChanges(changes: readonly ParsedChange[], currency: string, field: string): ItemChange[] {
  return changes.map((change, index): ItemChange => {
    const at = `${field}.${index}`;
    if (change.action === 'remove') return { action: 'remove', itemKey: change.itemKey };
    if (change.action === 'add') return { action: 'add', itemKey: change.itemKey, terms: toItemTerms(change, currency, at) };
    const { action: _action, itemKey, unitPriceMinor, unitPriceDecimal, usage, ...rest } = change;
    const price = resolvePrice({ unitPriceMinor, unitPriceDecimal }, currency, at);
    return { action: 'update', itemKey, terms: { ...definedOnly(rest), ...price, ...(usage === undefined ? {} : { usagePricing: usage }) } };
  });
}

/**
 * A decimal usage price is kept exact and also rounded half-up to minor units; a whole-minor price
 * clears any decimal. Giving both would be two truths for one price.
 */
function resolvePrice(input: PriceInput, currency: string, field: string): Pick<ItemTerms, 'unitPriceMinor' | 'unitPriceDecimal'> | undefined {
  if (input.unitPriceDecimal !== undefined) {
    if (input.unitPriceMinor !== undefined) throw fieldError(`${field}.unitPriceMinor`, 'give unitPriceMinor or unitPriceDecimal, not both');
    const rounded = roundDecimalToMoney(parseDecimal(input.unitPriceDecimal), currency, 'half_up');
    return { unitPriceMinor: rounded.amountMinor, unitPriceDecimal: input.unitPriceDecimal };
  }
  if (input.unitPriceMinor !== undefined) return { unitPriceMinor: input.unitPriceMinor, unitPriceDecimal: null };
  return undefined;
}
