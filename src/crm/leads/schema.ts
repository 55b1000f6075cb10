import type { ColumnType, Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { customFieldValuesSchema, customFieldValueSchema } from '../custom-fields/index.ts';
import { countrySchema } from '../schema.ts';
import { createdRangeQuery, emailSchema, recordId, text } from '../shared-fields.ts';

/** The fixed funnel stages every configurable status belongs to. */
export const LEAD_STAGES = ['new', 'mql', 'sql', 'converted', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
/** Leads in these stages no longer block a new lead with the same e-mail. */
export const CLOSED_STAGES: readonly LeadStage[] = ['converted', 'disqualified'];

const statusKey = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a status key such as "working" (a-z, 0-9, _)');

/**
 * Create: status left out means the default status (lead_statuses.is_default); ownerUserId left
 * out means the signed-in user. A lead needs a name, an e-mail or a company.
 */
export const createLeadSchema = z
  .object({
    company: text(300).nullable().default(null),
    firstName: text(100).nullable().default(null),
    lastName: text(100).nullable().default(null),
    email: emailSchema.nullable().default(null),
    phone: text(50).nullable().default(null),
    title: text(200).nullable().default(null),
    country: countrySchema.nullable().default(null),
    source: text(100).nullable().default(null).describe('Where the lead came from, e.g. web, event, referral'),
    campaignId: recordId.nullable().default(null),
    status: statusKey.optional(),
    customFields: customFieldValuesSchema.default({}).describe('Checked against the lead custom field definitions'),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
    ownerUserId: recordId.nullable().optional(),
  })
  .strict();
export type CreateLeadInput = z.input<typeof createLeadSchema>;

/** PATCH semantics; a status of the converted stage is reached only through POST /leads/:id/convert. */
export const updateLeadSchema = z
  .object({
    company: text(300).nullable(),
    firstName: text(100).nullable(),
    lastName: text(100).nullable(),
    email: emailSchema.nullable(),
    phone: text(50).nullable(),
    title: text(200).nullable(),
    country: countrySchema.nullable(),
    source: text(100).nullable(),
    campaignId: recordId.nullable(),
    status: statusKey,
    ownerUserId: recordId.nullable(),
    customFields: customFieldValuesSchema.describe('Replaced whole'),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateLeadInput = z.input<typeof updateLeadSchema>;
export type LeadChanges = z.output<typeof updateLeadSchema>;
export const updateLeadBodySchema = updateLeadSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const leadSchema = z.object({
  id: z.string(),
  company: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  country: z.string().nullable(),
  source: z.string().nullable(),
  campaignId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  status: z.string(),
  customFields: z.record(z.string(), customFieldValueSchema),
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  stage: z.enum(LEAD_STAGES).describe('The funnel stage of the status (read-only)'),
  mqlAt: z.string().nullable().describe('When the lead first entered the mql stage; never cleared'),
  sqlAt: z.string().nullable(),
  convertedAt: z.string().nullable(),
  disqualifiedAt: z.string().nullable(),
  convertedAccountId: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Lead = z.infer<typeof leadSchema>;
/** What a caller sets; the stage, its timestamps and the conversion links follow from the status. */
export type LeadFields = Pick<Lead, keyof LeadChanges>;

// Compile-time guard: a field added to the PATCH schema must be a lead field, and the reverse.
type AssertTrue<T extends true> = T;
export type PatchCoversEveryField = AssertTrue<Exclude<keyof LeadFields, keyof LeadChanges> extends never ? true : false>;

export const LEAD_SORTS = ['name', 'company', 'createdAt', 'updatedAt'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export const listLeadsQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional().describe('Searches first and last name, full name, e-mail and company'),
    ownerUserId: recordId.optional(),
    status: statusKey.optional(),
    stage: z.enum(LEAD_STAGES).optional(),
    campaignId: recordId.optional(),
    source: text(100).optional(),
    email: emailSchema.optional().describe('Exact match on the normalized e-mail'),
    ...createdRangeQuery,
    sort: z.enum(LEAD_SORTS).default('createdAt'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for name and company, desc for dates'),
  })
  .strict();
export type ListLeadsQuery = z.input<typeof listLeadsQuerySchema>;

export type LeadsTable = {
  id: string;
  company: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  country: string | null;
  source: string | null;
  campaign_id: string | null;
  owner_user_id: string | null;
  status: string;
  stage: LeadStage;
  mql_at: Timestamp | null;
  sql_at: Timestamp | null;
  converted_at: Timestamp | null;
  disqualified_at: Timestamp | null;
  converted_account_id: string | null;
  converted_contact_id: string | null;
  converted_opportunity_id: string | null;
  custom_fields: Json;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type LeadRow = Selectable<LeadsTable>;

export type LeadStatusesTable = {
  key: string;
  label: string;
  stage: LeadStage;
  sort_order: number;
  is_default: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};
export type LeadStatusRow = Selectable<LeadStatusesTable>;

export type LeadStatusHistoryTable = {
  id: ColumnType<bigint, never, never>;
  lead_id: string;
  from_status: string | null;
  to_status: string;
  changed_at: Timestamp;
  actor_type: string;
  actor_id: string;
};

export type LeadTables = { leads: LeadsTable; lead_statuses: LeadStatusesTable; lead_status_history: LeadStatusHistoryTable };
export { statusKey };
