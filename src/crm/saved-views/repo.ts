import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import type { SavedView, SavedViewRow, SavedViewScope, SavedViewTables } from './schema.ts';

/** The only module that touches `saved_views`; every write here also writes its audit row. */
function viewsDb(ctx: Ctx): Kysely<SharedTables & SavedViewTables> {
  return ctx.db.withTables<SavedViewTables>();
}

export function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    scope: row.scope,
    name: row.name,
    filters: row.filters as Record<string, string>,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function findViewRows(ctx: Ctx, userId: string, scope: SavedViewScope, limit: number): Promise<SavedViewRow[]> {
  return viewsDb(ctx).selectFrom('saved_views').selectAll().where('user_id', '=', userId).where('scope', '=', scope)
    .orderBy(sql`lower(name)`).orderBy('id').limit(limit).execute();
}

/** Another user's view is "not found": views are private, their ids say nothing. */
export async function getViewRow(ctx: Ctx, userId: string, id: string): Promise<SavedViewRow> {
  const row = await viewsDb(ctx).selectFrom('saved_views').selectAll().where('id', '=', id).where('user_id', '=', userId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('saved view', id);
  return row;
}

export async function countViews(ctx: Ctx, userId: string, scope: SavedViewScope): Promise<number> {
  const row = await viewsDb(ctx).selectFrom('saved_views').select(sql<string>`count(*)`.as('n')).where('user_id', '=', userId).where('scope', '=', scope).executeTakeFirstOrThrow();
  return Number(row.n);
}

type NewView = { id: string; userId: string; scope: SavedViewScope; name: string; filters: Record<string, string>; now: Date };

export async function insertView(tx: TxCtx, view: NewView): Promise<SavedViewRow> {
  const inserted = await withNameConflict(
    viewsDb(tx).insertInto('saved_views')
      .values({ id: view.id, user_id: view.userId, scope: view.scope, name: view.name, filters: canonicalJson(view.filters), created_at: view.now, updated_at: view.now, version: 1 })
      .returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'saved_view', entityId: view.id, before: null, after: inserted });
  return inserted;
}

export async function updateViewRow(tx: TxCtx, before: SavedViewRow, changes: { name?: string; filters?: Record<string, string> }, now: Date): Promise<SavedViewRow> {
  const after = await withNameConflict(
    viewsDb(tx).updateTable('saved_views')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.filters !== undefined ? { filters: canonicalJson(changes.filters) } : {}),
        updated_at: now,
        version: before.version + 1,
      })
      .where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst(),
  );
  assert(after, `saved view ${before.id} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'saved_view', entityId: before.id, before, after });
  return after;
}

export async function deleteViewRow(tx: TxCtx, before: SavedViewRow): Promise<void> {
  await viewsDb(tx).deleteFrom('saved_views').where('id', '=', before.id).execute();
  await recordAudit(tx, { action: 'delete', entityType: 'saved_view', entityId: before.id, before, after: null });
}

export function nameTaken(): AppError {
  return new AppError('conflict', 'You already have a view with this name', { fieldErrors: [{ field: 'body.name', message: 'already in use' }] });
}

/** The unique index decides under concurrency; the service's own check gives the usual answer first. */
async function withNameConflict<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw nameTaken();
    throw error;
  }
}
