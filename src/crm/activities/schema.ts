import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { CalendarDate, Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { plainDateSchema } from '../schema.ts';
import { createdRangeQuery, instantSchema, recordId, text } from '../shared-fields.ts';
import { importedRecordResponseFields } from '../record-envelope.ts';

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'task'] as const;
export const TASK_STATUSES = ['open', 'completed'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Calls, meetings and e-mails need occurredAt. Tasks take status (default open) and dueDate; a
 * completed task's occurredAt is when it was done (default: now). ownerUserId left out means
 * the signed-in user.
 */
export const createActivitySchema = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    subject: text(300),
    description: text(20_000).nullable().default(null),
    occurredAt: instantSchema.nullable().default(null),
    dueDate: plainDateSchema.nullable().default(null),
    status: z.enum(TASK_STATUSES).nullable().default(null).describe('Tasks only'),
    accountId: recordId.nullable().default(null),
    contactId: recordId.nullable().default(null),
    leadId: recordId.nullable().default(null),
    opportunityId: recordId.nullable().default(null),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
    ownerUserId: recordId.nullable().optional(),
  })
  .strict();
export type CreateActivityInput = z.input<typeof createActivitySchema>;

/** PATCH semantics. The type is fixed: a call does not become a task. */
export const updateActivitySchema = z
  .object({
    subject: text(300),
    description: text(20_000).nullable(),
    occurredAt: instantSchema.nullable(),
    dueDate: plainDateSchema.nullable(),
    status: z.enum(TASK_STATUSES).nullable(),
    accountId: recordId.nullable(),
    contactId: recordId.nullable(),
    leadId: recordId.nullable(),
    opportunityId: recordId.nullable(),
    ownerUserId: recordId.nullable(),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateActivityInput = z.input<typeof updateActivitySchema>;
export type ActivityChanges = z.output<typeof updateActivitySchema>;
export const updateActivityBodySchema = updateActivitySchema.extend({ version: z.number().int().positive().optional() }).strict();

export const activitySchema = z.object({
  id: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  subject: z.string(),
  description: z.string().nullable(),
  occurredAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES).nullable(),
  accountId: z.string().nullable(),
  contactId: z.string().nullable(),
  leadId: z.string().nullable(),
  opportunityId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ...importedRecordResponseFields,
});
export type Activity = z.infer<typeof activitySchema>;
export type ActivityFields = Omit<Activity, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

// Compile-time guard: every field but the fixed type is in the PATCH schema.
type AssertTrue<T extends true> = T;
export type PatchCoversEveryField = AssertTrue<Exclude<keyof ActivityFields, keyof ActivityChanges | 'type'> extends never ? true : false>;

export const ACTIVITY_SORTS = ['occurredAt', 'subject', 'createdAt', 'updatedAt'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

/** The timeline query: by link, type and half-open date ranges. */
export const listActivitiesQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional().describe('Searches subject and description'),
    ownerUserId: recordId.optional(),
    accountId: recordId.optional(),
    contactId: recordId.optional(),
    leadId: recordId.optional(),
    opportunityId: recordId.optional(),
    type: z.enum(ACTIVITY_TYPES).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    occurredFrom: instantSchema.optional().describe('occurredAt at or after'),
    occurredBefore: instantSchema.optional().describe('occurredAt before (half-open)'),
    dueFrom: plainDateSchema.optional().describe('dueDate on or after'),
    dueBefore: plainDateSchema.optional().describe('dueDate before (half-open)'),
    ...createdRangeQuery,
    sort: z.enum(ACTIVITY_SORTS).default('occurredAt').describe('occurredAt: open tasks (no occurredAt yet) sort as latest'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for subject, desc otherwise'),
  })
  .strict();
export type ListActivitiesQuery = z.input<typeof listActivitiesQuerySchema>;

export type ActivitiesTable = {
  id: string;
  type: ActivityType;
  subject: string;
  description: string | null;
  occurred_at: Timestamp | null;
  due_date: CalendarDate | null;
  status: TaskStatus | null;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  opportunity_id: string | null;
  owner_user_id: string | null;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type ActivityRow = Selectable<ActivitiesTable>;
export type ActivityTables = { activities: ActivitiesTable };
