import { z } from 'zod';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { customFieldValuesSchema, customFieldValueSchema } from '../custom-fields/index.ts';
import { FORECAST_CATEGORIES, probabilityBpsSchema, stageKeySchema } from '../pipeline/index.ts';
import { currencySchema, plainDateSchema } from '../schema.ts';
import { recordId, text } from '../shared-fields.ts';
import { OPPORTUNITY_TYPES } from './tables.ts';

/**
 * A stage named in a write. Any text up to a key's length: whether it names a stage is the
 * pipeline's to say, and its answer lists the stages (a key-format message for "Proof of Concept"
 * would not tell the caller, or an import's error report, what to send instead).
 */
const stageInputSchema = z.string().trim().min(1).max(100).describe('Stage key, e.g. "proposal"');
import { importedRecordResponseFields } from '../record-envelope.ts';

export { OPPORTUNITY_TYPES, type OpportunityType } from './tables.ts';
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

const instantSchema = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 with offset, e.g. 2026-01-15T09:00:00Z');

/** Money as JSON (STYLE.md): amountMinor an integer number, or an integer string beyond 2^53. */
export const moneyInputSchema = z
  .object({
    amountMinor: z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, 'a non-negative integer')]),
    currency: currencySchema,
  })
  .strict()
  .describe('Amount in minor units, e.g. {"amountMinor": 1250000, "currency": "EUR"} for EUR 12,500.00');
export const moneyOutputSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });

/**
 * Create. stage left out means the first active open stage; probabilityBps and forecastCategory
 * left out come from the stage. closedAt is for imports of closed deals (default: now).
 */
export const createOpportunitySchema = z
  .object({
    accountId: recordId,
    name: text(300),
    type: z.enum(OPPORTUNITY_TYPES).default('new'),
    amount: moneyInputSchema,
    stage: stageInputSchema.optional(),
    probabilityBps: probabilityBpsSchema.optional(),
    closeDate: plainDateSchema,
    ownerUserId: recordId.nullable().optional(),
    source: text(100).nullable().default(null),
    campaignId: recordId.nullable().default(null),
    forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
    lostReason: text(500).nullable().default(null),
    closedAt: instantSchema.optional(),
    customFields: customFieldValuesSchema.default({}),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
  })
  .strict();
export type CreateOpportunityInput = z.input<typeof createOpportunitySchema>;

/** PATCH: absent = unchanged, null clears; customFields is replaced whole. A stage change here equals POST …/stage. */
export const updateOpportunitySchema = z
  .object({
    accountId: recordId,
    name: text(300),
    type: z.enum(OPPORTUNITY_TYPES),
    amount: moneyInputSchema,
    stage: stageInputSchema,
    probabilityBps: probabilityBpsSchema,
    closeDate: plainDateSchema,
    ownerUserId: recordId.nullable(),
    source: text(100).nullable(),
    campaignId: recordId.nullable(),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    lostReason: text(500).nullable(),
    closedAt: instantSchema,
    customFields: customFieldValuesSchema,
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateOpportunityInput = z.input<typeof updateOpportunitySchema>;
export type OpportunityChanges = z.output<typeof updateOpportunitySchema>;
export const updateOpportunityBodySchema = updateOpportunitySchema.extend({ version: z.number().int().positive().optional() }).strict();

export const changeStageBodySchema = z
  .object({
    stage: stageInputSchema,
    lostReason: text(500).nullable().optional().describe('Required when the stage is a lost stage'),
    probabilityBps: probabilityBpsSchema.optional(),
    forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
    version: z.number().int().positive().optional().describe('Or send If-Match'),
  })
  .strict();

export const opportunitySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  type: z.enum(OPPORTUNITY_TYPES),
  amount: moneyOutputSchema,
  stage: z.string(),
  probabilityBps: z.number().int(),
  closeDate: z.string(),
  ownerUserId: z.string().nullable(),
  source: z.string().nullable(),
  campaignId: z.string().nullable(),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  lostReason: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES).describe('open, won or lost: from the stage kind'),
  won: z.boolean(),
  closedAt: z.string().nullable(),
  customFields: z.record(z.string(), customFieldValueSchema),
  ...importedRecordResponseFields,
});
export type Opportunity = z.infer<typeof opportunitySchema>;

export const OPPORTUNITY_SORTS = ['closeDate', 'amount', 'createdAt', 'name'] as const;
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number];

/** Strict, like every list query: a misspelt filter must fail, not list everything. */
export const listOpportunitiesQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional(),
    accountId: recordId.optional(),
    ownerUserId: recordId.optional(),
    stage: stageKeySchema.optional(),
    type: z.enum(OPPORTUNITY_TYPES).optional(),
    status: z.enum(OPPORTUNITY_STATUSES).optional(),
    closeDateFrom: plainDateSchema.optional().describe('Close date on or after (inclusive)'),
    closeDateBefore: plainDateSchema.optional().describe('Close date before (exclusive)'),
    currency: currencySchema.optional().describe('Required with an amount range or sort=amount: amounts compare only within a currency'),
    amountMinorMin: z.coerce.number().int().min(0).optional(),
    amountMinorMax: z.coerce.number().int().min(0).optional(),
    sort: z.enum(OPPORTUNITY_SORTS).default('createdAt'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for name and closeDate, desc otherwise'),
  })
  .strict();
export type ListOpportunitiesQuery = z.input<typeof listOpportunitiesQuerySchema>;

export const stageHistoryEntrySchema = z.object({
  stage: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  timeInStageMs: z.number().int().describe('leftAt − enteredAt; for the current stage, now − enteredAt'),
  amountAtEntry: moneyOutputSchema,
  actorId: z.string(),
});
export type StageHistoryEntry = z.infer<typeof stageHistoryEntrySchema>;

/** What an importer supplies for recordStageHistory: a complete, ordered history. */
export const stageHistoryImportSchema = z
  .array(
    z
      .object({
        stage: stageKeySchema,
        enteredAt: instantSchema,
        leftAt: instantSchema.nullable().default(null),
        amountAtEntry: moneyInputSchema.optional(),
        actorId: text(200).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(500);
export type StageHistoryImportEntry = z.input<typeof stageHistoryImportSchema>[number];
