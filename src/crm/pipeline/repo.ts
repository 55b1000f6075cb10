import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { recordAudit, type AuditAction } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { forgetInTransaction, memoInTransaction } from '../tx-memo.ts';
import type { PipelineStagesTable, PipelineTables, Stage, StageKind, StageRow } from './schema.ts';

/** The only module that touches `pipeline_stages`; every write here also writes its audit row. */
export function pipelineDb(ctx: Ctx): Kysely<SharedTables & PipelineTables> {
  return ctx.db.withTables<PipelineTables>();
}

export function toStage(row: StageRow): Stage {
  return {
    key: row.key,
    label: row.label,
    sortOrder: row.sort_order,
    defaultProbabilityBps: row.default_probability_bps,
    kind: row.kind,
    forecastCategory: row.forecast_category,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

const STAGES_MEMO = 'crm.pipeline_stages:';

/** Unlocked reads are memoised for the transaction (every opportunity write resolves its stage); see tx-memo.ts. */
export async function findStageRow(ctx: Ctx, key: string, lock?: 'update' | 'share') {
  const query = pipelineDb(ctx).selectFrom('pipeline_stages').selectAll().where('key', '=', key);
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return memoInTransaction(ctx, `${STAGES_MEMO}${key}`, () => query.executeTakeFirst());
}

/** Every write to pipeline_stages calls this first, so the transaction reads its own writes. */
function forgetStages(tx: TxCtx): void {
  forgetInTransaction(tx, STAGES_MEMO);
}

export async function getStageRow(ctx: Ctx, key: string, lock?: 'update' | 'share') {
  const row = await findStageRow(ctx, key, lock);
  if (!row) throw notFound('pipeline stage', key);
  return row;
}

export type StageFilter = { active?: boolean; kind?: StageKind; q?: string };

export async function findStageRows(ctx: Ctx, filter: StageFilter = {}, lock?: 'update'): Promise<StageRow[]> {
  let query = pipelineDb(ctx).selectFrom('pipeline_stages').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.q !== undefined) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('label', 'ilike', pattern), eb('key', 'ilike', pattern)]));
  }
  query = query.orderBy('sort_order');
  return lock === 'update' ? query.forUpdate().execute() : query.execute();
}

export async function nextSortOrder(ctx: Ctx): Promise<number> {
  const row = await pipelineDb(ctx)
    .selectFrom('pipeline_stages')
    .select(sql<number>`coalesce(max(sort_order), 0) + 1`.as('next'))
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

type StageColumns = Omit<Insertable<PipelineStagesTable>, 'version'>;

export async function insertStage(tx: TxCtx, row: StageColumns): Promise<StageRow> {
  forgetStages(tx);
  const inserted = await withConstraintErrors(
    pipelineDb(tx).insertInto('pipeline_stages').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'pipeline_stage', entityId: row.key, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock and has checked the version. */
export async function updateStageRow(tx: TxCtx, before: StageRow, changes: Omit<Updateable<PipelineStagesTable>, 'version'>, action: AuditAction = 'update'): Promise<StageRow> {
  forgetStages(tx);
  const after = await withConstraintErrors(
    pipelineDb(tx)
      .updateTable('pipeline_stages')
      .set({ ...changes, version: before.version + 1 })
      .where('key', '=', before.key)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `pipeline stage ${before.key} changed under a row lock`);
  await recordAudit(tx, { action, entityType: 'pipeline_stage', entityId: before.key, before, after });
  return after;
}

/**
 * Hard delete: the foreign keys from opportunities and their stage history refuse it while any
 * record (deleted ones included) uses the stage. That is the "in use" test, kept in the database
 * so it cannot miss a table.
 */
export async function deleteStageRow(tx: TxCtx, before: StageRow): Promise<void> {
  forgetStages(tx);
  try {
    await pipelineDb(tx).deleteFrom('pipeline_stages').where('key', '=', before.key).execute();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23503') {
      throw new AppError('business_rule_violated', `Stage ${before.key} is used by opportunities; deactivate it instead (PATCH active: false)`, {
        extra: { key: before.key },
        cause: error,
      });
    }
    throw error;
  }
  await recordAudit(tx, { action: 'delete', entityType: 'pipeline_stage', entityId: before.key, before, after: null });
}

/**
 * Step one of a reorder: negate the sort orders about to change, so that writing the final values
 * one row at a time never collides with the unique constraint (checked per statement).
 * Versions are untouched here; updateStageRow bumps them with the final value.
 */
export async function parkSortOrders(tx: TxCtx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  forgetStages(tx);
  await pipelineDb(tx).updateTable('pipeline_stages').set({ sort_order: sql<number>`-sort_order` }).where('key', 'in', keys).execute();
}

export function versionConflict(key: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `Pipeline stage ${key} is at version ${currentVersion}, not ${expectedVersion}`, {
    extra: { currentVersion },
  });
}

async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'pipeline_stages_pkey') {
      throw new AppError('conflict', 'A stage with this key exists', { fieldErrors: [{ field: 'body.key', message: 'already in use' }], cause: error });
    }
    throw error;
  }
}
