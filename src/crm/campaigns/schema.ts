import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { CalendarDate, Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { plainDateSchema } from '../schema.ts';
import { createdRangeQuery, moneyJsonSchema, nonNegativeMoneySchema, recordId, text } from '../shared-fields.ts';
import { importedRecordResponseFields } from '../record-envelope.ts';

export const CAMPAIGN_TYPES = ['email', 'event', 'webinar', 'advertising', 'content', 'social', 'referral', 'partner', 'direct_mail', 'other'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'aborted'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * Budget and actual cost are Money in the campaign's one currency (both must agree). endDate is
 * the last day the campaign runs, inclusive. ownerUserId left out means the signed-in user.
 */
export const createCampaignSchema = z
  .object({
    name: text(300),
    type: z.enum(CAMPAIGN_TYPES),
    status: z.enum(CAMPAIGN_STATUSES).default('planned'),
    startDate: plainDateSchema.nullable().default(null),
    endDate: plainDateSchema.nullable().default(null).describe('Last day, inclusive'),
    budget: nonNegativeMoneySchema.nullable().default(null),
    actualCost: nonNegativeMoneySchema.nullable().default(null),
    parentCampaignId: recordId.nullable().default(null),
    description: text(5000).nullable().default(null),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
    ownerUserId: recordId.nullable().optional(),
  })
  .strict();
export type CreateCampaignInput = z.input<typeof createCampaignSchema>;

export const updateCampaignSchema = z
  .object({
    name: text(300),
    type: z.enum(CAMPAIGN_TYPES),
    status: z.enum(CAMPAIGN_STATUSES),
    startDate: plainDateSchema.nullable(),
    endDate: plainDateSchema.nullable(),
    budget: nonNegativeMoneySchema.nullable(),
    actualCost: nonNegativeMoneySchema.nullable(),
    parentCampaignId: recordId.nullable(),
    ownerUserId: recordId.nullable(),
    description: text(5000).nullable(),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateCampaignInput = z.input<typeof updateCampaignSchema>;
export type CampaignChanges = z.output<typeof updateCampaignSchema>;
export const updateCampaignBodySchema = updateCampaignSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CAMPAIGN_TYPES),
  status: z.enum(CAMPAIGN_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: moneyJsonSchema.nullable(),
  actualCost: moneyJsonSchema.nullable(),
  parentCampaignId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  description: z.string().nullable(),
  ...importedRecordResponseFields,
});
export type Campaign = z.infer<typeof campaignSchema>;
export type CampaignFields = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

// Compile-time guard: a field added to the campaign but not to the PATCH schema fails here.
type AssertTrue<T extends true> = T;
export type PatchCoversEveryField = AssertTrue<Exclude<keyof CampaignFields, keyof CampaignChanges> extends never ? true : false>;

export const CAMPAIGN_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

export const listCampaignsQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional().describe('Searches the name'),
    ownerUserId: recordId.optional(),
    type: z.enum(CAMPAIGN_TYPES).optional(),
    status: z.enum(CAMPAIGN_STATUSES).optional(),
    parentCampaignId: recordId.optional(),
    ...createdRangeQuery,
    sort: z.enum(CAMPAIGN_SORTS).default('createdAt'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for name, desc for dates'),
  })
  .strict();
export type ListCampaignsQuery = z.input<typeof listCampaignsQuerySchema>;

export type CampaignsTable = {
  id: string;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  start_date: CalendarDate | null;
  end_date: CalendarDate | null;
  currency: string | null;
  budget_minor: bigint | null;
  actual_cost_minor: bigint | null;
  parent_campaign_id: string | null;
  owner_user_id: string | null;
  description: string | null;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type CampaignRow = Selectable<CampaignsTable>;
export type CampaignTables = { campaigns: CampaignsTable };
