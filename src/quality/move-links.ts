import { sql, type RawBuilder } from 'kysely';
import type { TxCtx } from '../shared/context.ts';
import type { ForeignKey } from './foreign-keys.ts';

export type RowKey = Record<string, string>;
export type LinkMove = { fk: ForeignKey; rowKey: RowKey; newValue: string | null; outcome: 'moved' | 'kept' };

/**
 * A unique violation (the survivor already has usage for that day and feature) or an immutability
 * trigger (an issued invoice names its customer for good): the row cannot move and is kept.
 */
const CANNOT_MOVE = new Set(['23505', '55000']);

/**
 * Points every row linked to `fromId` at `toId`, one foreign-key column at a time, and returns what
 * was done to each row. A row that cannot move (see CANNOT_MOVE) stays on `fromId` as 'kept':
 * which of two measurements is right, or who an issued invoice was for, a merge cannot change.
 * A row of the survivor itself pointing at `fromId` (its parent was the merged account) is
 * cleared instead, since no record is its own parent.
 */
export async function moveLinks(tx: TxCtx, table: string, fks: readonly ForeignKey[], fromId: string, toId: string): Promise<LinkMove[]> {
  const moves: LinkMove[] = [];
  for (const fk of fks) moves.push(...(await moveColumn(tx, fk, fromId, toId, fk.table === table ? toId : null)));
  return moves;
}

/** `selfId`: the survivor's id when the column links its own table, handled apart: cleared, not pointed at itself. */
async function moveColumn(tx: TxCtx, fk: ForeignKey, fromId: string, toId: string, selfId: string | null): Promise<LinkMove[]> {
  const moves: LinkMove[] = [];
  // Fast path: one statement for the column; only a row that cannot move sends it row by row.
  const movedKeys = await withSavepoint(tx, () => setAllLinks(tx, fk, fromId, toId, selfId));
  if (movedKeys !== null) {
    moves.push(...movedKeys.map((rowKey): LinkMove => ({ fk, rowKey, newValue: toId, outcome: 'moved' })));
  } else {
    for (const rowKey of await selectRowKeys(tx, fk, fromId)) {
      if (rowKey['id'] === selfId) continue;
      const movedKey = await withSavepoint(tx, () => setLink(tx, fk, rowKey, { from: fromId, to: toId }));
      moves.push(movedKey ? { fk, rowKey: movedKey, newValue: toId, outcome: 'moved' } : { fk, rowKey, newValue: toId, outcome: 'kept' });
    }
  }
  if (selfId !== null) moves.push(...(await clearSelfLink(tx, fk, fromId, selfId)));
  return moves;
}

async function clearSelfLink(tx: TxCtx, fk: ForeignKey, fromId: string, selfId: string): Promise<LinkMove[]> {
  const rowKey = { id: selfId };
  const linked = (await selectRowKeys(tx, fk, fromId)).some((key) => key['id'] === selfId);
  if (!linked) return [];
  if (!fk.nullable) return [{ fk, rowKey, newValue: null, outcome: 'kept' }];
  await setLink(tx, fk, rowKey, { from: fromId, to: null });
  return [{ fk, rowKey, newValue: null, outcome: 'moved' }];
}

/** Primary keys as text, in key order (stable, so a merge's move list is repeatable). */
async function selectRowKeys(tx: TxCtx, fk: ForeignKey, recordId: string): Promise<RowKey[]> {
  const result = await sql<RowKey>`
    select ${keyColumns(fk)} from ${sql.id(fk.schema, fk.table)}
    where ${sql.ref(fk.column)} = ${recordId}
    order by ${sql.join(fk.keyColumns.map((c) => sql.ref(c)))}`.execute(tx.db);
  return result.rows;
}

/** The primary-key columns as text: how a row is recorded and found again, whatever their types. */
function keyColumns(fk: ForeignKey): RawBuilder<unknown> {
  return sql.join(fk.keyColumns.map((c) => sql`${sql.ref(c)}::text as ${sql.id(c)}`));
}

function setClause(tx: TxCtx, fk: ForeignKey, to: string | null): RawBuilder<unknown> {
  const sets: RawBuilder<unknown>[] = [sql`${sql.ref(fk.column)} = ${to}`];
  if (fk.hasVersion) sets.push(sql`version = version + 1`);
  if (fk.hasUpdatedAt) sets.push(sql`updated_at = ${new Date(tx.clock.now().epochMilliseconds)}`);
  return sql.join(sets);
}

/** Moves every row of the column (but the survivor's own) and returns their keys as they are after the move. */
async function setAllLinks(tx: TxCtx, fk: ForeignKey, fromId: string, toId: string, selfId: string | null): Promise<RowKey[]> {
  const notSelf = selfId === null ? sql`true` : sql`id <> ${selfId}`;
  const result = await sql<RowKey>`
    update ${sql.id(fk.schema, fk.table)} set ${setClause(tx, fk, toId)}
    where ${sql.ref(fk.column)} = ${fromId} and ${notSelf}
    returning ${keyColumns(fk)}`.execute(tx.db);
  return result.rows;
}

/**
 * Sets the link of one row from `from` to `to`, only while it still points at `from` (unmerge uses
 * this to leave rows alone that were re-linked since). Bumps version and updated_at where the
 * table has them. Returns the row's key as it is after the change, since the link can be part of
 * the key (product_usage_daily) or feed a generated key column (campaign_members.member_id);
 * null when no row matched.
 */
export async function setLink(
  tx: TxCtx,
  fk: ForeignKey,
  rowKey: RowKey,
  link: { from: string | null; to: string | null },
): Promise<RowKey | null> {
  const keyMatch = fk.keyColumns.map((c) => sql`${sql.ref(c)}::text = ${rowKey[c] ?? null}`);
  const result = await sql<RowKey>`
    update ${sql.id(fk.schema, fk.table)} set ${setClause(tx, fk, link.to)}
    where ${sql.ref(fk.column)} is not distinct from ${link.from} and ${sql.join(keyMatch, sql` and `)}
    returning ${keyColumns(fk)}`.execute(tx.db);
  return result.rows[0] ?? null;
}

/**
 * Runs one statement in a savepoint: a row that cannot move rolls back that statement only and
 * answers null; any other error still fails the whole transaction.
 */
async function withSavepoint<T>(tx: TxCtx, work: () => Promise<T>): Promise<T | null> {
  await sql`savepoint quality_move_link`.execute(tx.db);
  try {
    const result = await work();
    await sql`release savepoint quality_move_link`.execute(tx.db);
    return result;
  } catch (error) {
    if (!CANNOT_MOVE.has(String((error as { code?: unknown } | null)?.code))) throw error;
    await sql`rollback to savepoint quality_move_link`.execute(tx.db);
    await sql`release savepoint quality_move_link`.execute(tx.db);
    return null;
  }
}
