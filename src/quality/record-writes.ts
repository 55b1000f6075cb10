import { sql, type RawBuilder } from 'kysely';
import type { TxCtx } from '../shared/context.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { canonicalJson } from '../shared/json.ts';
import type { MergeEntitySpec } from './merge-entities.ts';

/**
 * The writes of a merge and an unmerge to the merged records (accounts, contacts). They bypass the
 * owning domain's services on purpose: a merge soft-deletes a record that still has linked rows
 * until their links move, and an unmerge restores a deleted one, neither of which those services
 * allow. Each write bumps version (an editor holding the old ETag gets a 409); the caller audits
 * it in the same transaction. Both tables share the columns used here (id, version, updated_at,
 * deleted_at, custom_fields), so one raw query serves both.
 */
export type RecordRow = Record<string, unknown> & { id: string; version: number; created_at: Date; deleted_at: Date | null };

/** Row-locks the records in id order (two merges over the same records cannot deadlock). */
export async function lockRecords(tx: TxCtx, spec: MergeEntitySpec, ids: readonly string[], state: 'live' | 'any'): Promise<Map<string, RecordRow>> {
  const live = state === 'live' ? sql`and deleted_at is null` : sql``;
  const result = await sql<RecordRow>`
    select * from ${sql.table(spec.table)} where id in (${sql.join([...ids])}) ${live} order by id for update`.execute(tx.db);
  const rows = new Map(result.rows.map((row) => [row.id, row]));
  for (const id of ids) if (!rows.has(id)) throw notFound(spec.entity, id);
  return rows;
}

export async function readRecord(tx: TxCtx, spec: MergeEntitySpec, id: string): Promise<RecordRow> {
  const result = await sql<RecordRow>`select * from ${sql.table(spec.table)} where id = ${id}`.execute(tx.db);
  assert(result.rows[0], `${spec.entity} ${id} vanished under a row lock`);
  return result.rows[0];
}

export type RecordChanges = { columns?: Record<string, unknown>; customFields?: Record<string, unknown>; deletedAt?: Date | null };

/** Compare-and-set on version; the caller holds the row lock, so a miss is a bug. */
export async function writeRecord(tx: TxCtx, spec: MergeEntitySpec, before: RecordRow, changes: RecordChanges): Promise<RecordRow> {
  const sets: RawBuilder<unknown>[] = Object.entries(changes.columns ?? {}).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  // Canonical text, as the owning repos write it, so equal objects stay equal when they diff an update.
  if (changes.customFields !== undefined) sets.push(sql`custom_fields = ${canonicalJson(changes.customFields)}`);
  if (changes.deletedAt !== undefined) sets.push(sql`deleted_at = ${changes.deletedAt}`);
  sets.push(sql`updated_at = ${new Date(tx.clock.now().epochMilliseconds)}`, sql`version = version + 1`);
  try {
    const result = await sql<RecordRow>`
      update ${sql.table(spec.table)} set ${sql.join(sets)}
      where id = ${before.id} and version = ${before.version} returning *`.execute(tx.db);
    assert(result.rows[0], `${spec.entity} ${before.id} changed under a row lock`);
    return result.rows[0];
  } catch (error) {
    // Restoring a contact whose e-mail another live contact has taken since: the owner must resolve it.
    if ((error as { code?: unknown } | null)?.code !== '23505') throw error;
    throw new AppError('conflict', `${spec.entity} ${before.id} would duplicate a unique value of another live ${spec.entity}`, {
      extra: { id: before.id, constraint: (error as { constraint?: unknown }).constraint },
      cause: error,
    });
  }
}

/**
 * The same advisory lock crm takes to re-parent accounts (lockAccountHierarchy in
 * src/crm/repo.ts, not exported): moving an account's children re-parents them. Taken before any
 * row lock, as crm does, so the two cannot deadlock.
 */
export async function lockAccountHierarchy(tx: TxCtx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('revline.accounts.hierarchy'))`.execute(tx.db);
}

/**
 * True when the account is its own ancestor. A merge can close a loop without touching a parent
 * field: when the merged account's child is an ancestor of the survivor, moving that child under
 * the survivor makes each the other's ancestor. UNION ends the walk on data that already loops.
 */
export async function isInHierarchyLoop(tx: TxCtx, accountId: string): Promise<boolean> {
  const result = await sql<{ loop: boolean }>`
    with recursive ancestors (id, parent_account_id) as (
      select id, parent_account_id from accounts where id = ${accountId}
      union
      select a.id, a.parent_account_id from accounts a join ancestors on a.id = ancestors.parent_account_id
    )
    select exists (select 1 from ancestors where parent_account_id = ${accountId}) as loop`.execute(tx.db);
  return result.rows[0]?.loop === true;
}
