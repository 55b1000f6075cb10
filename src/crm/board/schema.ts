import { z } from 'zod';
import { listOpportunitiesQuerySchema, opportunitySchema } from '../opportunities/schema.ts';
import { OPPORTUNITY_TYPES } from '../opportunities/tables.ts';
import { plainDateSchema } from '../schema.ts';
import { createdRangeQuery, recordId, text } from '../shared-fields.ts';

/** The board's filters: the same names and meaning as GET /opportunities, so a URL works on both. */
export const boardFilterSchema = z
  .object({
    q: text(200).optional(),
    ownerUserId: recordId.optional(),
    type: z.enum(OPPORTUNITY_TYPES).optional(),
    closeDateFrom: plainDateSchema.optional().describe('Close date on or after (inclusive)'),
    closeDateBefore: plainDateSchema.optional().describe('Close date before (exclusive)'),
  })
  .strict();
export type BoardFilter = z.output<typeof boardFilterSchema>;
export type BoardFilterInput = z.input<typeof boardFilterSchema>;

/** Cards take every filter and sort of GET /opportunities: a board column is that list with stage=…. */
export const boardCardsQuerySchema = listOpportunitiesQuerySchema;
export type BoardCardsQuery = z.input<typeof boardCardsQuerySchema>;

const moneySchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });

export const stageSummarySchema = z.object({
  stage: z.string(),
  count: z.number().int(),
  totals: z.array(moneySchema).describe('One total per currency, by currency code: amounts are never added across currencies'),
});
export type StageSummary = z.infer<typeof stageSummarySchema>;

export const boardCardSchema = opportunitySchema.extend({ accountName: z.string().nullable(), ownerName: z.string().nullable() });
export type BoardCard = z.infer<typeof boardCardSchema>;

export const ownerOptionSchema = z.object({ id: z.string(), displayName: z.string() });
export type OwnerOption = z.infer<typeof ownerOptionSchema>;

export const leadFunnelQuerySchema = z.object({ ownerUserId: recordId.optional(), ...createdRangeQuery }).strict();
export type LeadFunnelQuery = z.input<typeof leadFunnelQuerySchema>;

export const leadFunnelSchema = z.object({
  leads: z.number().int(),
  mqls: z.number().int(),
  sqls: z.number().int(),
  opportunities: z.number().int(),
  won: z.number().int(),
});
export type LeadFunnel = z.infer<typeof leadFunnelSchema>;
