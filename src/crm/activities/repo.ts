import { sql, type Insertable, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { toInstantDate } from '../shared-fields.ts';
import { withConstraintErrors } from '../contacts/record-writes.ts';
import { contactVisible } from '../contacts/repo.ts';
import type { ContactTables } from '../contacts/schema.ts';
import type { LeadTables } from '../leads/schema.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import type { CrmTables } from '../schema.ts';
import type { ActivitiesTable, Activity, ActivityFields, ActivityRow, ActivityTables } from './schema.ts';

/** The only module that writes `activities`; every write here also writes its audit row. */
export function activitiesDb(ctx: Ctx): Kysely<SharedTables & CrmTables & ContactTables & LeadTables & ActivityTables> {
  return ctx.db.withTables<CrmTables & ContactTables & LeadTables & ActivityTables>();
}

/**
 * A rep or manager sees the activities their team owns and every activity on a record they can
 * see (account, contact or lead): the timeline of a customer shows everyone's calls with it.
 */
export function activityVisible(scope: OwnerScope): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ownerCondition(scope, 'activities.owner_user_id')}
    or exists (select 1 from accounts as scope_accounts where scope_accounts.id = activities.account_id
      and scope_accounts.deleted_at is null and ${ownerCondition(scope, 'scope_accounts.owner_user_id')})
    or exists (select 1 from contacts as scope_contacts where scope_contacts.id = activities.contact_id
      and scope_contacts.deleted_at is null and ${contactVisible(scope, 'scope_contacts')})
    or exists (select 1 from leads as scope_leads where scope_leads.id = activities.lead_id
      and scope_leads.deleted_at is null and ${ownerCondition(scope, 'scope_leads.owner_user_id')}))`;
}

export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    description: row.description,
    occurredAt: row.occurred_at?.toISOString() ?? null,
    dueDate: row.due_date,
    status: row.status,
    accountId: row.account_id,
    contactId: row.contact_id,
    leadId: row.lead_id,
    opportunityId: row.opportunity_id,
    ownerUserId: row.owner_user_id,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export type ActivityColumns = Required<Omit<Insertable<ActivitiesTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

export function toActivityColumns(fields: ActivityFields): ActivityColumns {
  return {
    type: fields.type,
    subject: fields.subject,
    description: fields.description,
    // Canonical ISO text, so an equal instant with another offset is not a change.
    occurred_at: fields.occurredAt === null ? null : toInstantDate(fields.occurredAt).toISOString(),
    due_date: fields.dueDate,
    status: fields.status,
    account_id: fields.accountId,
    contact_id: fields.contactId,
    lead_id: fields.leadId,
    opportunity_id: fields.opportunityId,
    owner_user_id: fields.ownerUserId,
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

export async function findActivityRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update') {
  const query = activitiesDb(ctx).selectFrom('activities').selectAll().where('id', '=', id).where('deleted_at', 'is', null).where(activityVisible(scope));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getActivityRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update'): Promise<ActivityRow> {
  const row = await findActivityRow(ctx, scope, id, lock);
  if (!row) throw notFound('activity', id);
  return row;
}

export async function insertActivity(tx: TxCtx, row: ActivityColumns & { id: string; created_at: Date; updated_at: Date }): Promise<ActivityRow> {
  const inserted = await withConstraintErrors(
    activitiesDb(tx).insertInto('activities').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
    ACTIVITY_CONSTRAINTS,
  );
  await recordAudit(tx, { action: 'create', entityType: 'activity', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updateActivityRow(
  tx: TxCtx,
  before: ActivityRow,
  changes: Partial<ActivityColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
): Promise<ActivityRow> {
  const after = await withConstraintErrors(
    activitiesDb(tx)
      .updateTable('activities')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
    ACTIVITY_CONSTRAINTS,
  );
  assert(after, `activity ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'activity', entityId: before.id, before, after });
  return after;
}

const ACTIVITY_CONSTRAINTS = {
  activities_source_external: () =>
    new AppError('conflict', 'Another activity already has this sourceSystem and externalId', {
      fieldErrors: [{ field: 'body.externalId', message: 'already used by another activity from this source' }],
    }),
  activities_owner_user_id_fkey: () =>
    new AppError('validation_failed', 'The owner is not a known user', { fieldErrors: [{ field: 'body.ownerUserId', message: 'unknown user' }] }),
};
