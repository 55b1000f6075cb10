import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { textArrayLiteral as textArray } from '../shared/db/insert-unnest.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { toJsonText } from '../shared/json.ts';
import type { EntityName } from './targets/entities.ts';
import type { ImportRunStatus, ImportTables } from './tables.ts';

/** The only module touching import_runs and import_keys. */
export function importsDb(ctx: Ctx): Kysely<SharedTables & ImportTables> {
  return ctx.db.withTables<ImportTables>();
}

export type NewImportRun = { id: string; source: string; sourceSystem: string; files: string[]; dryRun: boolean; startedAt: Date };

export async function insertImportRun(ctx: Ctx, run: NewImportRun): Promise<void> {
  await importsDb(ctx)
    .insertInto('import_runs')
    .values({
      id: run.id, source: run.source, source_system: run.sourceSystem, files: toJsonText(run.files), dry_run: run.dryRun,
      status: 'running', started_at: run.startedAt, finished_at: null, counts: null, error_report: null, failure: null,
      actor_type: ctx.actor.kind, actor_id: ctx.actor.id, request_id: ctx.requestId,
    })
    .execute();
}

export type FinishedRun = { status: Exclude<ImportRunStatus, 'running'>; finishedAt: Date; counts: unknown; errorReport: string | null; failure: string | null };

export async function finishImportRun(ctx: Ctx, id: string, finished: FinishedRun): Promise<void> {
  await importsDb(ctx)
    .updateTable('import_runs')
    .set({
      status: finished.status, finished_at: finished.finishedAt, counts: finished.counts === null ? null : toJsonText(finished.counts),
      error_report: finished.errorReport, failure: finished.failure,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function findImportRunRow(ctx: Ctx, id: string) {
  return importsDb(ctx).selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; keyset on (started_at, id). */
export async function findImportRunRows(ctx: Ctx, page: { limit: number; before: { startedAt: string; id: string } | null }) {
  let query = importsDb(ctx).selectFrom('import_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(page.limit);
  if (page.before) {
    const { id } = page.before;
    const startedAt = new Date(page.before.startedAt);
    query = query.where((eb) => eb.or([eb('started_at', '<', startedAt), eb.and([eb('started_at', '=', startedAt), eb('id', '<', id)])]));
  }
  return query.execute();
}

export type KeyQuery = { entity: EntityName; externalIds: string[] };

/** links: the ids the record's references resolved to (see the import_keys migration). */
export type Links = Readonly<Record<string, string>>;
export type ImportedKey = { recordId: string; merged: boolean; lastRunId: string; links: Links };

/** Record ids for external ids, per entity: `${entity}\u0000${externalId}` → id. */
export async function findImportedIds(ctx: Ctx, sourceSystem: string, queries: KeyQuery[]): Promise<Map<string, ImportedKey>> {
  const found = new Map<string, ImportedKey>();
  for (const { entity, externalIds } of queries) {
    if (externalIds.length === 0) continue;
    // One array parameter, not one per id: a batch's look-up is one short statement to parse and plan.
    const rows = await importsDb(ctx)
      .selectFrom('import_keys')
      .select(['external_id', 'record_id', 'merged', 'last_run_id', 'links'])
      .where('source_system', '=', sourceSystem)
      .where('entity', '=', entity)
      .where(sql<boolean>`external_id = any(${externalIds}::text[])`)
      .execute();
    for (const row of rows) found.set(keyOf(entity, row.external_id), { recordId: row.record_id, merged: row.merged, lastRunId: row.last_run_id, links: row.links as Links });
  }
  return found;
}

export function keyOf(entity: EntityName, externalId: string): string {
  return `${entity}\u0000${externalId}`;
}

export type NewImportKey = { entity: EntityName; externalId: string; recordId: string; merged: boolean; links: Links };

/** The batch's new keys in one statement with five array parameters (unnest), whatever the batch size. */
export async function insertImportKeys(ctx: Ctx, sourceSystem: string, runId: string, keys: NewImportKey[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    insert into import_keys (source_system, entity, external_id, record_id, merged, links, import_run_id, last_run_id, created_at)
    select ${sourceSystem}, k.entity, k.external_id, k.record_id, k.merged, k.links::jsonb, ${runId}, ${runId}, ${now}
    from unnest(${textArray(keys, (k) => k.entity)}::text[], ${textArray(keys, (k) => k.externalId)}::text[], ${textArray(keys, (k) => k.recordId)}::text[],
                ${textArray(keys, (k) => (k.merged ? 'true' : 'false'))}::boolean[], ${textArray(keys, (k) => JSON.stringify(k.links))}::text[])
      as k (entity, external_id, record_id, merged, links)`.execute(importsDb(ctx));
}

export type KeyRef = { entity: EntityName; externalId: string };

/** Marks keys as read by this run (see last_run_id): one statement per entity per batch. */
export async function touchImportKeys(ctx: Ctx, sourceSystem: string, runId: string, keys: KeyRef[]): Promise<void> {
  const byEntity = new Map<EntityName, string[]>();
  for (const key of keys) {
    const list = byEntity.get(key.entity) ?? [];
    byEntity.set(key.entity, list);
    list.push(key.externalId);
  }
  for (const [entity, externalIds] of byEntity) {
    await importsDb(ctx)
      .updateTable('import_keys')
      .set({ last_run_id: runId })
      .where('source_system', '=', sourceSystem)
      .where('entity', '=', entity)
      .where(sql<boolean>`external_id = any(${externalIds}::text[])`)
      .execute();
  }
}

/** A record's references changed (an update): its key's links follow. */
export async function updateImportKeyLinks(ctx: Ctx, sourceSystem: string, key: KeyRef, links: Links): Promise<void> {
  await importsDb(ctx)
    .updateTable('import_keys')
    .set({ links: JSON.stringify(links) })
    .where('source_system', '=', sourceSystem)
    .where('entity', '=', key.entity)
    .where('external_id', '=', key.externalId)
    .execute();
}
