import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { CalendarDate, Timestamp } from '../shared/db/tables.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { currencySchema, plainDateSchema, queryBoolean, text } from './field-schemas.ts';

export const CHANNELS = ['direct', 'self_service', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];

/** validToDate is exclusive: the first day the book no longer applies (half-open, STYLE.md "Dates"). */
const validityRefinement = (value: { validFromDate?: string | null; validToDate?: string | null }, ctx: z.RefinementCtx) => {
  if (value.validFromDate && value.validToDate && value.validToDate <= value.validFromDate) {
    ctx.addIssue({ code: 'custom', path: ['validToDate'], message: 'must be after validFromDate (it is the first day no longer valid)' });
  }
};

export const createPriceBookSchema = z
  .object({
    name: text(200),
    description: text(2000).nullable().default(null),
    currency: currencySchema,
    channel: z.enum(CHANNELS).default('direct'),
    validFromDate: plainDateSchema.nullable().default(null),
    validToDate: plainDateSchema.nullable().default(null),
    active: z.boolean().default(true),
    isDefault: z.boolean().default(false),
  })
  .strict()
  .superRefine(validityRefinement);
export type CreatePriceBookInput = z.input<typeof createPriceBookSchema>;

/** The currency is fixed at creation: every price in the book is in it. */
const updateFields = z
  .object({
    name: text(200),
    description: text(2000).nullable(),
    channel: z.enum(CHANNELS),
    validFromDate: plainDateSchema.nullable(),
    validToDate: plainDateSchema.nullable(),
    active: z.boolean(),
    isDefault: z.boolean(),
  })
  .partial()
  .strict();
export const updatePriceBookSchema = updateFields.superRefine(validityRefinement);
export type UpdatePriceBookInput = z.input<typeof updatePriceBookSchema>;
export const updatePriceBookBodySchema = updateFields.extend({ version: z.number().int().positive().optional() }).strict().superRefine(validityRefinement);

export const priceBookSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  channel: z.enum(CHANNELS),
  validFromDate: z.string().nullable(),
  validToDate: z.string().nullable(),
  active: z.boolean(),
  isDefault: z.boolean(),
  expired: z.boolean().describe('validToDate has passed (UTC): the book should not price new quotes'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PriceBook = z.infer<typeof priceBookSchema>;
export type PriceBookFields = Omit<PriceBook, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'expired'>;

export const listPriceBooksQuerySchema = pageQuerySchema
  .extend({ currency: currencySchema.optional(), channel: z.enum(CHANNELS).optional(), active: queryBoolean.optional() })
  .strict();
export type ListPriceBooksQuery = z.input<typeof listPriceBooksQuerySchema>;

export type PriceBooksTable = {
  id: string;
  name: string;
  description: string | null;
  currency: string;
  channel: Channel;
  valid_from_date: CalendarDate | null;
  valid_to_date: CalendarDate | null;
  active: boolean;
  is_default: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type PriceBookRow = Selectable<PriceBooksTable>;
