import { z } from 'zod';
import { plainDateSchema } from '../fields.ts';

// The `order.placed` payload as published by orders (contract: /tmp/coord/order-placed.md, kept in
// docs/cpq.md). Parsed here, not trusted: the outbox stores JSON, so amounts arrive as strings.
// Unknown fields are ignored so orders can add to the payload without breaking billing.

const minorText = z.string().regex(/^-?\d{1,18}$/, 'expected an integer in minor units').transform((text) => BigInt(text));

/** One billing period of an order line with its exact amount (the accepted quote's, docs/cpq.md). */
export const orderPeriodSchema = z.object({
  startDate: plainDateSchema,
  endDate: plainDateSchema.nullable(),
  amountMinor: minorText,
});
export type OrderPeriod = z.output<typeof orderPeriodSchema>;

export const orderLineSchema = z.object({
  orderLineId: z.string().min(1),
  lineNumber: z.int().positive(),
  quoteLineId: z.string().min(1),
  productId: z.string().min(1),
  sku: z.string().min(1),
  productName: z.string().optional(),
  description: z.string().nullable().optional(),
  productFamily: z.string().nullable(),
  productType: z.enum(['subscription', 'one_time', 'usage']),
  periodMonths: z.int().positive().nullable(),
  billingTiming: z.enum(['in_advance', 'in_arrears']),
  quantity: z.int().nonnegative(),
  startDate: plainDateSchema,
  endDate: plainDateSchema.nullable(),
  netMinor: minorText,
  /** Indicative only (net per unit of the first period, half-up); billing charges `periods`. */
  unitPriceMinor: minorText,
  /** The exact billing schedule; absent or empty (older payloads) = quantity × unit price. */
  periods: z.array(orderPeriodSchema).default([]),
});
export type OrderLine = z.output<typeof orderLineSchema>;

export const orderPlacedSchema = z.object({
  orderId: z.string().min(1),
  orderNumber: z.string().min(1).optional(),
  quoteId: z.string().min(1).nullable().optional(),
  opportunityId: z.string().min(1).nullable().optional(),
  accountId: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a currency code in capitals, e.g. EUR'),
  orderType: z.enum(['new', 'expansion', 'renewal']),
  amendsSubscriptionId: z.string().min(1).nullable(),
  startDate: plainDateSchema,
  endDate: plainDateSchema.nullable(),
  lines: z.array(orderLineSchema).min(1),
});
export type OrderPlaced = z.output<typeof orderPlacedSchema>;
