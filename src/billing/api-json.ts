import { z } from 'zod';
import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import type { Invoice, InvoiceDetail, InvoiceLine } from './invoice-schema.ts';
import type { SubscriptionDetail, SubscriptionItemVersion } from './subscription-schema.ts';
import { BILLING_MODES, INVOICE_STATUSES, ITEM_KINDS, ITEM_TIMINGS, SUBSCRIPTION_STATUSES } from './tables.ts';

// Response shapes. Money leaves as { amountMinor, currency } (STYLE.md "Money"); amountMinor is a
// number while exactly representable and a decimal string beyond 2^53 (shared/money moneyToJson).

const integerJsonSchema = z.union([z.number().int(), z.string()]);
export const moneyJsonSchema = z.object({ amountMinor: integerJsonSchema, currency: z.string() }).describe('Integer minor units beside an ISO 4217 code');
const date = z.string().describe('YYYY-MM-DD');
const nullableDate = date.nullable();

function integerToJson(value: bigint): number | string {
  return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
}
const moneyOf = (amountMinor: bigint, currency: string): MoneyJson => moneyToJson(money(amountMinor, currency));

const usagePricingJsonSchema = z.object({
  aggregation: z.string(), model: z.string(),
  tiers: z.array(z.object({ upTo: z.number().int().nullable(), unitAmount: z.string(), flatAmount: z.string().optional() })).optional(),
  packageSize: z.number().int().optional(), packageAmount: z.string().optional(), minimumMinor: z.number().int().nullable().optional(),
});

export const itemVersionJsonSchema = z.object({
  id: z.string(),
  itemKey: z.string(),
  description: z.string().nullable(),
  kind: z.enum(ITEM_KINDS),
  quantity: integerJsonSchema,
  unitPrice: moneyJsonSchema,
  unitPriceDecimal: z.string().nullable(),
  discountBps: z.number().int(),
  amount: moneyJsonSchema.optional().describe('Exact amount per billing period for the whole quantity, net of discounts (one-time: the whole fee), billed instead of quantity × unit price; absent = quantity × unit price'),
  billingIntervalMonths: z.number().int().nullable(),
  timing: z.enum(ITEM_TIMINGS),
  usagePricing: usagePricingJsonSchema.optional().describe('Usage items: aggregation, price model and minimum; absent = the sum of events × the unit price'),
  effectiveFromDate: date,
  effectiveToDate: nullableDate.describe('Exclusive; null while current'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const subscriptionJsonSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  currency: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  planLabel: z.string().nullable(),
  startDate: date,
  trialEndDate: nullableDate,
  endDate: nullableDate.describe('Exclusive: the first day without service'),
  cancelDate: nullableDate,
  canceledAt: z.string().nullable(),
  billingMode: z.enum(BILLING_MODES),
  billingAnchorDate: date,
  autoRenew: z.boolean(),
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const subscriptionDetailJsonSchema = subscriptionJsonSchema.extend({
  itemVersions: z.array(itemVersionJsonSchema).describe('Every version of every item, by item key then effective date'),
  pauses: z.array(z.object({ startDate: date, endDate: nullableDate })),
});

export function itemVersionToJson(version: SubscriptionItemVersion) {
  const { unitPriceMinor, quantity, currency, amountMinor, usagePricing, ...rest } = version;
  return {
    ...rest, quantity: integerToJson(quantity), unitPrice: moneyOf(unitPriceMinor, currency),
    ...(amountMinor === undefined || amountMinor === null ? {} : { amount: moneyOf(amountMinor, currency) }),
    ...(usagePricing === undefined || usagePricing === null ? {} : { usagePricing }),
  };
}

export function subscriptionDetailToJson(detail: SubscriptionDetail) {
  return { ...detail, itemVersions: detail.itemVersions.map(itemVersionToJson) };
}

const invoiceLineJsonSchema = z.object({
  lineNumber: z.number().int(),
  description: z.string(),
  quantity: z.string().describe('Exact decimal'),
  unitAmount: moneyJsonSchema.nullable(),
  unitAmountDecimal: z.string().nullable().describe('The exact unit price in major units when it is below one minor unit (usage, e.g. "0.0004"); unitAmount is it rounded. The line amount was rounded once from it.'),
  amount: moneyJsonSchema,
  periodStartDate: nullableDate,
  periodEndDate: nullableDate,
  subscriptionItemId: z.string().nullable(),
});

export const invoiceJsonSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  subscriptionId: z.string().nullable(),
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  currency: z.string(),
  issueDate: nullableDate,
  dueDate: nullableDate,
  periodStartDate: nullableDate,
  periodEndDate: nullableDate,
  subtotal: moneyJsonSchema,
  discount: moneyJsonSchema,
  tax: moneyJsonSchema,
  total: moneyJsonSchema,
  amountPaid: moneyJsonSchema,
  amountDue: moneyJsonSchema,
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const invoiceDetailJsonSchema = invoiceJsonSchema.extend({ lines: z.array(invoiceLineJsonSchema) });

export function invoiceToJson(invoice: Invoice) {
  const { subtotalMinor, discountMinor, taxMinor, totalMinor, amountPaidMinor, amountDueMinor, ...rest } = invoice;
  const of = (amountMinor: bigint) => moneyOf(amountMinor, invoice.currency);
  return {
    ...rest, subtotal: of(subtotalMinor), discount: of(discountMinor), tax: of(taxMinor), total: of(totalMinor),
    amountPaid: of(amountPaidMinor), amountDue: of(amountDueMinor),
  };
}

function invoiceLineToJson(line: InvoiceLine, currency: string) {
  const { unitAmountMinor, amountMinor, ...rest } = line;
  return { ...rest, unitAmount: unitAmountMinor === null ? null : moneyOf(unitAmountMinor, currency), amount: moneyOf(amountMinor, currency) };
}

export function invoiceDetailToJson(detail: InvoiceDetail) {
  return { ...invoiceToJson(detail), lines: detail.lines.map((line) => invoiceLineToJson(line, detail.currency)) };
}
