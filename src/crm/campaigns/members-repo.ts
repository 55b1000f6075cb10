import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { instantSort, keysetCondition, type KeysetAfter, type SortKey } from '../contacts/keyset.ts';
import { withConstraintErrors } from '../contacts/record-writes.ts';
import { contactVisible } from '../contacts/repo.ts';
import type { ContactTables } from '../contacts/schema.ts';
import type { LeadTables } from '../leads/schema.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import type { CrmTables } from '../schema.ts';
import type { CampaignMember, CampaignMemberRow, CampaignMemberTables, MemberStatus } from './members-schema.ts';

/** The only module that touches `campaign_members`; every write also writes its audit row. */
export function membersDb(ctx: Ctx): Kysely<SharedTables & CrmTables & ContactTables & LeadTables & CampaignMemberTables> {
  return ctx.db.withTables<CrmTables & ContactTables & LeadTables & CampaignMemberTables>();
}

/** A member is visible when its lead or contact is: the campaign itself is visible to everyone. */
function memberVisible(scope: OwnerScope): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(exists (select 1 from leads as scope_leads where scope_leads.id = campaign_members.lead_id
      and scope_leads.deleted_at is null and ${ownerCondition(scope, 'scope_leads.owner_user_id')})
    or exists (select 1 from contacts as scope_contacts where scope_contacts.id = campaign_members.contact_id
      and scope_contacts.deleted_at is null and ${contactVisible(scope, 'scope_contacts')}))`;
}

export function toMember(row: CampaignMemberRow): CampaignMember {
  return {
    campaignId: row.campaign_id,
    memberId: row.member_id,
    memberType: row.lead_id !== null ? 'lead' : 'contact',
    leadId: row.lead_id,
    contactId: row.contact_id,
    status: row.status,
    firstRespondedAt: row.first_responded_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

const auditId = (row: { campaign_id: string; member_id: string }) => `${row.campaign_id}:${row.member_id}`;

export async function findMemberRow(ctx: Ctx, scope: OwnerScope, campaignId: string, memberId: string, lock?: 'update') {
  const query = membersDb(ctx)
    .selectFrom('campaign_members')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('member_id', '=', memberId)
    .where(memberVisible(scope));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getMemberRow(ctx: Ctx, scope: OwnerScope, campaignId: string, memberId: string, lock?: 'update') {
  const row = await findMemberRow(ctx, scope, campaignId, memberId, lock);
  if (!row) throw notFound('campaign member', `${campaignId}/${memberId}`);
  return row;
}

type NewMember = { campaign_id: string; lead_id: string | null; contact_id: string | null; status: MemberStatus; first_responded_at: Date | null; created_at: Date; updated_at: Date };

export async function insertMember(tx: TxCtx, row: NewMember): Promise<CampaignMemberRow> {
  const memberId = row.lead_id ?? row.contact_id ?? '';
  const inserted = await withConstraintErrors(
    membersDb(tx).insertInto('campaign_members').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow(),
    {
      // Reached only when two adds race; the service checks first so that it can name the member.
      campaign_members_pkey: () => new AppError('conflict', `${memberId} is already a member of campaign ${row.campaign_id}`, { extra: { memberId } }),
    },
  );
  await recordAudit(tx, { action: 'create', entityType: 'campaign_member', entityId: auditId(inserted), before: null, after: inserted });
  return inserted;
}

export async function updateMemberRow(tx: TxCtx, before: CampaignMemberRow, changes: { status: MemberStatus; first_responded_at?: Date; updated_at: Date }) {
  const after = await membersDb(tx)
    .updateTable('campaign_members')
    .set({ ...changes, version: before.version + 1 })
    .where('campaign_id', '=', before.campaign_id)
    .where('member_id', '=', before.member_id)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  assert(after, `campaign member ${auditId(before)} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'campaign_member', entityId: auditId(before), before, after });
  return after;
}

/** Members are link rows, so removal deletes the row (a later re-add starts afresh); the audit row keeps it. */
export async function deleteMemberRow(tx: TxCtx, before: CampaignMemberRow): Promise<void> {
  const deleted = await membersDb(tx)
    .deleteFrom('campaign_members')
    .where('campaign_id', '=', before.campaign_id)
    .where('member_id', '=', before.member_id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assert(deleted.numDeletedRows === 1n, `campaign member ${auditId(before)} changed under a row lock`);
  await recordAudit(tx, { action: 'delete', entityType: 'campaign_member', entityId: auditId(before), before, after: null });
}

/** Members list newest first; the keyset id is the member id (unique within a campaign). */
export const MEMBER_SORT_KEY: SortKey<CampaignMemberRow> = instantSort('campaign_members.created_at', (row) => row.created_at);

export type MemberFilter = { memberType?: 'lead' | 'contact'; status?: MemberStatus; responded?: boolean };

export async function findMemberRows(ctx: Ctx, scope: OwnerScope, campaignId: string, filter: MemberFilter, page: { limit: number; after: KeysetAfter | null }) {
  let query = membersDb(ctx).selectFrom('campaign_members').selectAll().where('campaign_id', '=', campaignId).where(memberVisible(scope));
  if (filter.memberType === 'lead') query = query.where('lead_id', 'is not', null);
  if (filter.memberType === 'contact') query = query.where('contact_id', 'is not', null);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.responded !== undefined) query = query.where('first_responded_at', filter.responded ? 'is not' : 'is', null);
  if (page.after) query = query.where(keysetCondition(MEMBER_SORT_KEY, 'campaign_members.member_id', 'desc', page.after));
  return query.orderBy(MEMBER_SORT_KEY.key, 'desc').orderBy('campaign_members.member_id', 'desc').limit(page.limit).execute();
}
