import { z } from 'zod';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { ORDER_STATUSES, ORDER_TYPES, PROVISIONING_STATUSES } from './tables.ts';

const moneyJson = z.object({ amountMinor: z.union([z.number(), z.string()]), currency: z.string() });
const recordId = z.string().min(1).max(100);

export const orderLineSchema = z.object({
  id: z.string(), lineNumber: z.number().int(), quoteLineId: z.string(), productId: z.string(), priceId: z.string(), sku: z.string(),
  productName: z.string(), description: z.string().nullable(), productFamily: z.string().nullable(), productType: z.string(), pricingModel: z.string(),
  billingPeriod: z.string(), periodMonths: z.number().int().nullable(), billingTiming: z.string(), quantity: z.number().int(),
  startDate: z.string(), endDate: z.string().nullable().describe('exclusive; null for a one-time charge'),
  net: moneyJson, unitPrice: moneyJson.describe('net per unit per billing period, half-up (indicative only: billing charges the exact periods)'), discountBps: z.number().int(),
  periods: z.array(z.object({ startDate: z.string(), endDate: z.string().nullable(), amount: moneyJson })),
});

export const bookingSchema = z.object({
  id: z.string(), orderId: z.string(), quoteId: z.string(), opportunityId: z.string(), accountId: z.string(), ownerUserId: z.string().nullable(),
  bookingType: z.enum(ORDER_TYPES), tcv: moneyJson, acv: moneyJson, firstYear: moneyJson, arrChange: moneyJson,
  lines: z.array(z.object({ quoteLineId: z.string(), productFamily: z.string().nullable(), acv: moneyJson, firstYear: moneyJson })),
  bookedDate: z.string(), createdAt: z.string(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const orderSummarySchema = z.object({
  id: z.string(), orderNumber: z.string(), quoteId: z.string(), quoteVersionNumber: z.number().int(), opportunityId: z.string(), accountId: z.string(),
  ownerUserId: z.string().nullable(), currency: z.string(), orderType: z.enum(ORDER_TYPES), amendsSubscriptionId: z.string().nullable(),
  renewsSubscriptionId: z.string().nullable(), startDate: z.string(), endDate: z.string(), termMonths: z.number().int(), paymentTermsDays: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  totals: z.object({ tcv: moneyJson, acv: moneyJson, firstYear: moneyJson, oneTime: moneyJson, mrr: moneyJson, arr: moneyJson }),
  provisioning: z.object({ status: z.enum(PROVISIONING_STATUSES), message: z.string().nullable(), requests: z.number().int(), updatedAt: z.string() }),
  createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;
export const orderSchema = orderSummarySchema.extend({ lines: z.array(orderLineSchema), booking: bookingSchema.nullable() });
export type Order = z.infer<typeof orderSchema>;

export const listOrdersQuerySchema = pageQuerySchema.extend({
  accountId: recordId.optional(), opportunityId: recordId.optional(), quoteId: recordId.optional(), provisioningStatus: z.enum(PROVISIONING_STATUSES).optional(),
}).strict();
export type ListOrdersQuery = z.input<typeof listOrdersQuerySchema>;

export const provisioningCallbackSchema = z.strictObject({
  status: z.enum(['fulfilled', 'failed']),
  message: z.string().trim().min(1).max(2000).optional().describe('what the provisioning system reports; shown on the order'),
});
export type ProvisioningCallback = z.infer<typeof provisioningCallbackSchema>;
