import { sql, type Insertable, type Kysely } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { money, moneyFromJson, moneyToJson, type MoneyJson } from '../../shared/money.ts';
import { withConstraintErrors } from '../contacts/record-writes.ts';
import type { Campaign, CampaignFields, CampaignRow, CampaignsTable, CampaignTables } from './schema.ts';

/**
 * The only module that writes `campaigns`; every write here also writes its audit row. Campaigns
 * are not owner-scoped for reading: a rep must see the campaign a lead came from.
 */
export function campaignsDb(ctx: Ctx): Kysely<SharedTables & CampaignTables> {
  return ctx.db.withTables<CampaignTables>();
}

function moneyOrNull(amountMinor: bigint | null, currency: string | null): MoneyJson | null {
  return amountMinor === null || currency === null ? null : moneyToJson(money(amountMinor, currency));
}

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    budget: moneyOrNull(row.budget_minor, row.currency),
    actualCost: moneyOrNull(row.actual_cost_minor, row.currency),
    parentCampaignId: row.parent_campaign_id,
    ownerUserId: row.owner_user_id,
    description: row.description,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export type CampaignColumns = Required<Omit<Insertable<CampaignsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

/** The currencies of budget and actual cost already agree (assertOneCurrency). */
export function toCampaignColumns(fields: CampaignFields): CampaignColumns {
  const budget = fields.budget === null ? null : moneyFromJson(fields.budget);
  const actualCost = fields.actualCost === null ? null : moneyFromJson(fields.actualCost);
  return {
    name: fields.name,
    type: fields.type,
    status: fields.status,
    start_date: fields.startDate,
    end_date: fields.endDate,
    currency: budget?.currency ?? actualCost?.currency ?? null,
    budget_minor: budget?.amountMinor ?? null,
    actual_cost_minor: actualCost?.amountMinor ?? null,
    parent_campaign_id: fields.parentCampaignId,
    owner_user_id: fields.ownerUserId,
    description: fields.description,
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

/** A live campaign (any owner); 'update' for its writer, 'share' while a child or member is attached. */
export async function findCampaignRow(ctx: Ctx, id: string, lock?: 'update' | 'share') {
  const query = campaignsDb(ctx).selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return query.executeTakeFirst();
}

export async function getCampaignRow(ctx: Ctx, id: string, lock?: 'update' | 'share'): Promise<CampaignRow> {
  const row = await findCampaignRow(ctx, id, lock);
  if (!row) throw notFound('campaign', id);
  return row;
}

export async function insertCampaign(tx: TxCtx, row: CampaignColumns & { id: string; created_at: Date; updated_at: Date }): Promise<CampaignRow> {
  const inserted = await withConstraintErrors(
    campaignsDb(tx).insertInto('campaigns').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
    CAMPAIGN_CONSTRAINTS,
  );
  await recordAudit(tx, { action: 'create', entityType: 'campaign', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updateCampaignRow(
  tx: TxCtx,
  before: CampaignRow,
  changes: Partial<CampaignColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
): Promise<CampaignRow> {
  const after = await withConstraintErrors(
    campaignsDb(tx)
      .updateTable('campaigns')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
    CAMPAIGN_CONSTRAINTS,
  );
  assert(after, `campaign ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'campaign', entityId: before.id, before, after });
  return after;
}

export async function countLiveChildCampaigns(ctx: Ctx, id: string): Promise<number> {
  const row = await campaignsDb(ctx)
    .selectFrom('campaigns')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('parent_campaign_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when `campaignId` is `parentId` or one of its ancestors (UNION ends the walk on loops). */
export async function wouldCreateCampaignCycle(ctx: Ctx, campaignId: string, parentId: string): Promise<boolean> {
  const result = await sql<{ cycle: boolean }>`
    with recursive ancestors (id, parent_campaign_id) as (
      select id, parent_campaign_id from campaigns where id = ${parentId}
      union
      select c.id, c.parent_campaign_id from campaigns c join ancestors on c.id = ancestors.parent_campaign_id
    )
    select exists (select 1 from ancestors where id = ${campaignId}) as cycle`.execute(campaignsDb(ctx));
  return result.rows[0]?.cycle === true;
}

/** Serialises re-parenting, as lockAccountHierarchy does for accounts; take it before row locks. */
export async function lockCampaignHierarchy(tx: TxCtx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('revline.campaigns.hierarchy'))`.execute(tx.db);
}

const field = (name: string, message: string, code: 'validation_failed' | 'conflict', detail: string) => () =>
  new AppError(code, detail, { fieldErrors: [{ field: `body.${name}`, message }] });

const CAMPAIGN_CONSTRAINTS = {
  campaigns_source_external: field('externalId', 'already used by another campaign from this source', 'conflict', 'Another campaign already has this sourceSystem and externalId'),
  campaigns_owner_user_id_fkey: field('ownerUserId', 'unknown user', 'validation_failed', 'The owner is not a known user'),
};
