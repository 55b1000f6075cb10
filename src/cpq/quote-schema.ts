import { z } from 'zod';
import { OPPORTUNITY_TYPES } from '../crm/index.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { bpsSchema, countSchema, discountJsonSchema, discountSchema, moneyJsonSchema, plainDateSchema, recordId, text } from './field-schemas.ts';
import { QUOTE_LANGUAGES, QUOTE_STATUSES } from './tables.ts';

export const rampSegmentSchema = z.strictObject({
  year: z.number().int().min(1).max(10).describe('contract year, 1 = the first 12 months from startDate'),
  quantity: countSchema,
  discountBps: bpsSchema.nullable().default(null).describe("this year's percentage discount; default: the line's"),
});

const lineFields = {
  quantity: countSchema.optional().describe('required unless the line has a ramp (then: the first year\'s)'),
  description: text(1000).nullable().default(null),
  discount: discountSchema.nullable().default(null),
  ramp: z.array(rampSegmentSchema).min(1).max(10).nullable().default(null).describe('one entry per contract year, in order'),
};

export const lineInputSchema = z
  .strictObject({
    productId: recordId,
    priceId: recordId.optional().describe("a price version in the quote's book; default: the one in effect now"),
    ...lineFields,
  })
  .refine((line) => line.quantity !== undefined || line.ramp !== null, { path: ['quantity'], message: 'required unless the line has a ramp' });
export type LineInput = z.input<typeof lineInputSchema>;
export type ParsedLineInput = z.output<typeof lineInputSchema>;

export const updateLineSchema = z.strictObject({
  quantity: countSchema,
  description: text(1000).nullable(),
  discount: discountSchema.nullable(),
  ramp: z.array(rampSegmentSchema).min(1).max(10).nullable(),
}).partial();
export type UpdateLineInput = z.input<typeof updateLineSchema>;
export type LineChanges = z.output<typeof updateLineSchema>;

export const createQuoteSchema = z.strictObject({
  opportunityId: recordId,
  priceBookId: recordId,
  startDate: plainDateSchema,
  termMonths: z.number().int().min(1).max(120),
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  language: z.enum(QUOTE_LANGUAGES).default('en').describe("the quote document's language"),
  expiresOnDate: plainDateSchema.optional().describe('first day no longer valid; default: 30 days from today'),
  ownerUserId: recordId.nullable().optional().describe('default: you, or the opportunity owner when an API key creates it'),
  discount: discountSchema.nullable().default(null).describe('header discount on the total, after line discounts'),
  lines: z.array(lineInputSchema).max(200).default([]),
});
export type CreateQuoteInput = z.input<typeof createQuoteSchema>;

export const updateQuoteSchema = z.strictObject({
  startDate: plainDateSchema,
  termMonths: z.number().int().min(1).max(120),
  paymentTermsDays: z.number().int().min(0).max(365),
  language: z.enum(QUOTE_LANGUAGES),
  expiresOnDate: plainDateSchema,
  ownerUserId: recordId.nullable(),
  discount: discountSchema.nullable(),
}).partial();
export type UpdateQuoteInput = z.input<typeof updateQuoteSchema>;
export type QuoteChanges = z.output<typeof updateQuoteSchema>;
export const updateQuoteBodySchema = updateQuoteSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const listQuotesQuerySchema = pageQuerySchema.extend({
  opportunityId: recordId.optional(),
  accountId: recordId.optional(),
  status: z.enum(QUOTE_STATUSES).optional(),
  order: z.enum(['asc', 'desc']).default('desc').describe('by creation: desc (default) newest first, asc oldest first'),
}).strict();
export type ListQuotesQuery = z.input<typeof listQuotesQuerySchema>;

const periodSchema = z.object({ startDate: z.string(), endDate: z.string().nullable().describe('exclusive; null for a one-time charge'), amount: moneyJsonSchema });

export const quoteLineSchema = z.object({
  id: z.string(),
  lineNumber: z.number().int(),
  productId: z.string(),
  priceId: z.string(),
  description: z.string().nullable(),
  quantity: z.number().int(),
  ramp: z.array(z.object({ year: z.number().int(), quantity: z.number().int(), discountBps: z.number().int().nullable() })).nullable(),
  discount: discountJsonSchema.nullable(),
  oneTime: z.boolean(),
  amounts: z.object({ list: moneyJsonSchema, lineDiscount: moneyJsonSchema, headerDiscount: moneyJsonSchema, net: moneyJsonSchema, firstYear: moneyJsonSchema, mrr: moneyJsonSchema }),
  years: z.array(moneyJsonSchema),
  periods: z.array(periodSchema),
});
export type QuoteLine = z.infer<typeof quoteLineSchema>;

const totalsSchema = z.object({
  list: moneyJsonSchema, lineDiscount: moneyJsonSchema, headerDiscount: moneyJsonSchema, tcv: moneyJsonSchema, oneTime: moneyJsonSchema,
  recurring: moneyJsonSchema, acv: moneyJsonSchema, firstYear: moneyJsonSchema, mrr: moneyJsonSchema, arr: moneyJsonSchema,
});

export const quoteSummarySchema = z.object({
  id: z.string(),
  opportunityId: z.string(),
  accountId: z.string(),
  quoteType: z.enum(OPPORTUNITY_TYPES),
  priceBookId: z.string(),
  currency: z.string(),
  status: z.enum(QUOTE_STATUSES),
  versionNumber: z.number().int().describe('revision number within the opportunity'),
  revisedFromQuoteId: z.string().nullable(),
  startDate: z.string(),
  termMonths: z.number().int(),
  paymentTermsDays: z.number().int(),
  language: z.enum(QUOTE_LANGUAGES),
  expiresOnDate: z.string(),
  expired: z.boolean().describe('expiresOnDate has come (UTC): the quote can no longer be submitted or sent'),
  ownerUserId: z.string().nullable(),
  discount: discountJsonSchema.nullable(),
  totals: totalsSchema,
  years: z.array(z.object({ year: z.number().int(), startDate: z.string(), endDate: z.string(), amount: moneyJsonSchema })),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type QuoteSummary = z.infer<typeof quoteSummarySchema>;
/** A quote in a list: its account's and opportunity's names beside their ids (null when unknown). */
export const quoteListItemSchema = quoteSummarySchema.extend({ accountName: z.string().nullable(), opportunityName: z.string().nullable() });
export type QuoteListItem = z.infer<typeof quoteListItemSchema>;
export const quoteSchema = quoteSummarySchema.extend({ lines: z.array(quoteLineSchema) });
export type Quote = z.infer<typeof quoteSchema>;
