import type { Insertable, Kysely, Updateable } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import type { CustomFieldValues } from '../custom-fields/index.ts';
import type { OwnerScope } from '../owner-scope.ts';
import type { PipelineTables, StageRow } from '../pipeline/schema.ts';
import type { Opportunity } from './schema.ts';
import { opportunityScopeCondition } from './scope.ts';
import type { OpportunitiesTable, OpportunityRow, OpportunityTables } from './tables.ts';

/** The only module that touches `opportunities` (repo-list.ts and repo-history.ts read and write the rest). */
export function opportunityDb(ctx: Ctx): Kysely<SharedTables & OpportunityTables> {
  return ctx.db.withTables<OpportunityTables>();
}

export function toOpportunity(row: OpportunityRow): Opportunity {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    type: row.type,
    amount: moneyToJson(money(row.amount_minor, row.currency)),
    stage: row.stage_key,
    probabilityBps: row.probability_bps,
    closeDate: row.close_date,
    ownerUserId: row.owner_user_id,
    source: row.source,
    campaignId: row.campaign_id,
    forecastCategory: row.forecast_category,
    lostReason: row.lost_reason,
    status: row.closed_at === null ? 'open' : row.won ? 'won' : 'lost',
    won: row.won,
    closedAt: row.closed_at?.toISOString() ?? null,
    customFields: row.custom_fields as CustomFieldValues,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Every settable column, none optional: a column added to the table but not mapped fails to compile. */
export type OpportunityColumns = Required<Omit<Insertable<OpportunitiesTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

/** Columns as compared and stored: custom fields as canonical JSON text so equal objects compare equal. */
export function withCanonicalCustomFields(columns: Omit<OpportunityColumns, 'custom_fields'> & { custom_fields: unknown }): OpportunityColumns {
  return { ...columns, custom_fields: canonicalJson(columns.custom_fields) };
}

export async function findOpportunityRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update' | 'share') {
  const query = opportunityDb(ctx)
    .selectFrom('opportunities')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(opportunityScopeCondition(scope));
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return query.executeTakeFirst();
}

/** 404 whether missing, deleted or outside the scope: existence must not leak. */
export async function getOpportunityRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update' | 'share') {
  const row = await findOpportunityRow(ctx, scope, id, lock);
  if (!row) throw notFound('opportunity', id);
  return row;
}

/** The stage columns read beside an opportunity, prefixed so they cannot shadow its own. */
const STAGE_COLUMNS = {
  key: 'stage_row_key', label: 'stage_row_label', sort_order: 'stage_row_sort_order', default_probability_bps: 'stage_row_default_probability_bps',
  kind: 'stage_row_kind', forecast_category: 'stage_row_forecast_category', active: 'stage_row_active', created_at: 'stage_row_created_at',
  updated_at: 'stage_row_updated_at', version: 'stage_row_version',
} as const;

/**
 * getOpportunityRow with lock 'update', plus the pipeline stage the write will be in — `stageKey`,
 * or the opportunity's own when none is named — read by the same statement (one less per stage
 * change). Only the opportunity is locked, as before; the stage is null when the key is unknown.
 * A read-only join on pipeline_stages, whose writes stay in pipeline/repo.ts.
 */
export async function getOpportunityRowAndStageForUpdate(
  tx: TxCtx,
  scope: OwnerScope,
  id: string,
  stageKey: string | undefined,
): Promise<{ row: OpportunityRow; stage: StageRow | null }> {
  const found = await opportunityDb(tx)
    .withTables<PipelineTables>()
    .selectFrom('opportunities')
    .leftJoin('pipeline_stages', (join) => (stageKey === undefined
      ? join.onRef('pipeline_stages.key', '=', 'opportunities.stage_key')
      : join.on('pipeline_stages.key', '=', stageKey)))
    .selectAll('opportunities')
    .select([
      `pipeline_stages.key as ${STAGE_COLUMNS.key}`, `pipeline_stages.label as ${STAGE_COLUMNS.label}`,
      `pipeline_stages.sort_order as ${STAGE_COLUMNS.sort_order}`, `pipeline_stages.default_probability_bps as ${STAGE_COLUMNS.default_probability_bps}`,
      `pipeline_stages.kind as ${STAGE_COLUMNS.kind}`, `pipeline_stages.forecast_category as ${STAGE_COLUMNS.forecast_category}`,
      `pipeline_stages.active as ${STAGE_COLUMNS.active}`, `pipeline_stages.created_at as ${STAGE_COLUMNS.created_at}`,
      `pipeline_stages.updated_at as ${STAGE_COLUMNS.updated_at}`, `pipeline_stages.version as ${STAGE_COLUMNS.version}`,
    ])
    .where('opportunities.id', '=', id)
    .where('opportunities.deleted_at', 'is', null)
    .where(opportunityScopeCondition(scope))
    .forUpdate('opportunities')
    .executeTakeFirst();
  if (!found) throw notFound('opportunity', id);
  const {
    stage_row_key: key, stage_row_label: label, stage_row_sort_order: sortOrder, stage_row_default_probability_bps: defaultProbabilityBps,
    stage_row_kind: kind, stage_row_forecast_category: forecastCategory, stage_row_active: active, stage_row_created_at: createdAt,
    stage_row_updated_at: updatedAt, stage_row_version: version, ...row
  } = found;
  const stage = key === null || label === null || sortOrder === null || defaultProbabilityBps === null || kind === null || forecastCategory === null
    || active === null || createdAt === null || updatedAt === null || version === null
    ? null
    : { key, label, sort_order: sortOrder, default_probability_bps: defaultProbabilityBps, kind, forecast_category: forecastCategory, active, created_at: createdAt, updated_at: updatedAt, version };
  return { row, stage };
}

export async function insertOpportunity(tx: TxCtx, row: OpportunityColumns & { id: string; created_at: Date; updated_at: Date }) {
  const inserted = await withConstraintErrors(
    opportunityDb(tx).insertInto('opportunities').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'opportunity', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock (getOpportunityRow 'update') and checked the version. */
export async function updateOpportunityRow(
  tx: TxCtx,
  before: OpportunityRow,
  changes: Omit<Updateable<OpportunitiesTable>, 'id' | 'version'> & { updated_at: Date },
  action: 'update' | 'delete',
) {
  const after = await withConstraintErrors(
    opportunityDb(tx)
      .updateTable('opportunities')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `opportunity ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'opportunity', entityId: before.id, before, after });
  return after;
}

export function versionConflict(id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `Opportunity ${id} is at version ${currentVersion}, not ${expectedVersion}`, { extra: { currentVersion } });
}

/** The constraint violations a caller can cause, as field errors; the rest stay 500s. */
async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'opportunities_source_external') {
      throw new AppError('conflict', 'Another opportunity already has this sourceSystem and externalId', {
        fieldErrors: [{ field: 'body.externalId', message: 'already used by another opportunity from this source' }],
        cause: error,
      });
    }
    if (code === '23503' && constraint === 'opportunities_owner_user_id_fkey') {
      throw new AppError('validation_failed', 'The owner is not a known user', { fieldErrors: [{ field: 'body.ownerUserId', message: 'unknown user' }], cause: error });
    }
    throw error;
  }
}
