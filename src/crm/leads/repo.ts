import { type Insertable, type Kysely } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import type { CampaignTables } from '../campaigns/schema.ts';
import { withConstraintErrors } from '../contacts/record-writes.ts';
import type { ContactTables } from '../contacts/schema.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import type { CustomFieldValues } from '../custom-fields/index.ts';
import type { CrmTables } from '../schema.ts';
import { CLOSED_STAGES, type Lead, type LeadFields, type LeadRow, type LeadsTable, type LeadTables } from './schema.ts';

/** The only module that writes `leads` and `lead_status_history`; lead writes also write the audit row. */
export function leadsDb(ctx: Ctx): Kysely<SharedTables & CrmTables & ContactTables & CampaignTables & LeadTables> {
  return ctx.db.withTables<CrmTables & ContactTables & CampaignTables & LeadTables>();
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    company: row.company,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    country: row.country,
    source: row.source,
    campaignId: row.campaign_id,
    ownerUserId: row.owner_user_id,
    status: row.status,
    customFields: row.custom_fields as CustomFieldValues,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    stage: row.stage,
    mqlAt: iso(row.mql_at),
    sqlAt: iso(row.sql_at),
    convertedAt: iso(row.converted_at),
    disqualifiedAt: iso(row.disqualified_at),
    convertedAccountId: row.converted_account_id,
    convertedContactId: row.converted_contact_id,
    convertedOpportunityId: row.converted_opportunity_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Columns that follow from the status and from conversion, never set directly by a caller. */
type DerivedColumn = 'stage' | 'mql_at' | 'sql_at' | 'converted_at' | 'disqualified_at' | 'converted_account_id' | 'converted_contact_id' | 'converted_opportunity_id';
export type LeadColumns = Required<Omit<Insertable<LeadsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version' | DerivedColumn>>;
export type LeadDerivedColumns = Partial<Pick<Insertable<LeadsTable>, DerivedColumn>>;

export function toLeadColumns(fields: LeadFields): LeadColumns {
  return {
    company: fields.company,
    first_name: fields.firstName,
    last_name: fields.lastName,
    email: fields.email,
    phone: fields.phone,
    title: fields.title,
    country: fields.country,
    source: fields.source,
    campaign_id: fields.campaignId,
    owner_user_id: fields.ownerUserId,
    status: fields.status,
    custom_fields: canonicalJson(fields.customFields),
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

export async function findLeadRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update') {
  const query = leadsDb(ctx)
    .selectFrom('leads')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(ownerCondition(scope, 'leads.owner_user_id'));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** 404 whether the lead is missing, deleted or outside the scope. */
export async function getLeadRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update'): Promise<LeadRow> {
  const row = await findLeadRow(ctx, scope, id, lock);
  if (!row) throw notFound('lead', id);
  return row;
}

/** The open (not converted or disqualified), live lead with this e-mail, whoever owns it. */
export async function findOpenLeadIdByEmail(ctx: Ctx, email: string, exceptId?: string): Promise<string | null> {
  let query = leadsDb(ctx)
    .selectFrom('leads')
    .select('id')
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .where('stage', 'not in', CLOSED_STAGES);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst())?.id ?? null;
}

type NewLeadRow = LeadColumns & LeadDerivedColumns & { stage: LeadRow['stage']; id: string; created_at: Date; updated_at: Date };

export async function insertLead(tx: TxCtx, row: NewLeadRow): Promise<LeadRow> {
  const inserted = await withConstraintErrors(
    leadsDb(tx)
      .with('status_history', (db) => db.insertInto('lead_status_history').values(statusHistoryRow(tx, row.id, null, row.status, row.created_at)))
      .insertInto('leads')
      .values({ ...row, deleted_at: null, version: 1 })
      .returningAll()
      .executeTakeFirstOrThrow(),
    LEAD_CONSTRAINTS,
  );
  await recordAudit(tx, { action: 'create', entityType: 'lead', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/**
 * Compare-and-set on version (caller holds the row lock and checked the version). A status change
 * also appends its history row, in the same transaction.
 */
export async function updateLeadRow(
  tx: TxCtx,
  before: LeadRow,
  changes: Partial<LeadColumns> & LeadDerivedColumns & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete' | 'convert',
): Promise<LeadRow> {
  const statusChange = changes.status !== undefined && changes.status !== before.status ? changes.status : null;
  const values = { ...changes, version: before.version + 1 };
  const query = statusChange === null
    ? leadsDb(tx).updateTable('leads').set(values)
    : leadsDb(tx)
      .with('status_history', (db) => db.insertInto('lead_status_history').values(statusHistoryRow(tx, before.id, before.status, statusChange, changes.updated_at)))
      .updateTable('leads')
      .set(values);
  const after = await withConstraintErrors(
    query.where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst(),
    LEAD_CONSTRAINTS,
  );
  assert(after, `lead ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'lead', entityId: before.id, before, after });
  return after;
}

/**
 * The history row of a status change, written by the lead's own insert or update statement (a
 * data-modifying WITH, executed once whatever the main statement returns): one statement less per
 * lead write. Under the lead's row lock, so a failed compare-and-set (asserted) rolls both back.
 */
function statusHistoryRow(tx: TxCtx, leadId: string, from: string | null, to: string, at: Date) {
  return { lead_id: leadId, from_status: from, to_status: to, changed_at: at, actor_type: tx.actor.kind, actor_id: tx.actor.id };
}

export async function findStatusHistoryRows(ctx: Ctx, leadId: string) {
  return leadsDb(ctx).selectFrom('lead_status_history').selectAll().where('lead_id', '=', leadId).orderBy('id').execute();
}

const field = (name: string, message: string, code: 'validation_failed' | 'conflict', detail: string) => () =>
  new AppError(code, detail, { fieldErrors: [{ field: `body.${name}`, message }] });

/** leads_open_email only fires on a race the e-mail lock prevents. */
const LEAD_CONSTRAINTS = {
  leads_source_external: field('externalId', 'already used by another lead from this source', 'conflict', 'Another lead already has this sourceSystem and externalId'),
  leads_open_email: field('email', 'already used by another open lead', 'conflict', 'Another open lead already has this e-mail address'),
  leads_owner_user_id_fkey: field('ownerUserId', 'unknown user', 'validation_failed', 'The owner is not a known user'),
  leads_identified: field('lastName', 'a lead needs a name, an e-mail or a company', 'validation_failed', 'A lead needs a name, an e-mail or a company'),
};
