import type { ColumnType, Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { recordId } from '../shared-fields.ts';

export const MEMBER_STATUSES = ['planned', 'sent', 'opened', 'responded', 'registered', 'attended', 'no_show', 'unsubscribed', 'bounced'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** Statuses that count as a response: the first one stamps first_responded_at. */
export const RESPONDED_STATUSES: readonly MemberStatus[] = ['responded', 'registered', 'attended'];

/** Exactly one of leadId and contactId (the table's CHECK says the same). */
export const addMemberSchema = z
  .object({
    leadId: recordId.optional(),
    contactId: recordId.optional(),
    status: z.enum(MEMBER_STATUSES).default('planned'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.leadId === undefined) === (body.contactId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'give exactly one of leadId and contactId' });
    }
  });
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const updateMemberSchema = z.object({ status: z.enum(MEMBER_STATUSES) }).strict();
export type UpdateMemberInput = z.input<typeof updateMemberSchema>;
export const updateMemberBodySchema = updateMemberSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const memberSchema = z.object({
  campaignId: z.string(),
  memberId: z.string().describe('The lead or contact id'),
  memberType: z.enum(['lead', 'contact']),
  leadId: z.string().nullable(),
  contactId: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  firstRespondedAt: z.string().nullable().describe('First responding status; never cleared'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CampaignMember = z.infer<typeof memberSchema>;

export const listMembersQuerySchema = pageQuerySchema
  .extend({
    memberType: z.enum(['lead', 'contact']).optional(),
    status: z.enum(MEMBER_STATUSES).optional(),
    responded: z.enum(['true', 'false']).optional().describe('Only members that have (or have not) responded'),
  })
  .strict();
export type ListMembersQuery = z.input<typeof listMembersQuerySchema>;

export const memberParams = z.object({ id: z.string().min(1).max(100), memberId: z.string().min(1).max(100) });

export type CampaignMembersTable = {
  campaign_id: string;
  lead_id: string | null;
  contact_id: string | null;
  member_id: ColumnType<string, never, never>;
  status: MemberStatus;
  first_responded_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};
export type CampaignMemberRow = Selectable<CampaignMembersTable>;
export type CampaignMemberTables = { campaign_members: CampaignMembersTable };
