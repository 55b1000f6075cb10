import type { Ctx, TxCtx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError, notFound, ruleViolated } from '../shared/errors.ts';
import { fieldsToClear, type FilledFields } from './fill-fields.ts';
import { findForeignKeys, type ForeignKey } from './foreign-keys.ts';
import { MERGE_ENTITY_SPECS } from './merge-entities.ts';
import { recordMergeChange } from './merge-records.ts';
import { setLink, type RowKey } from './move-links.ts';
import { qualityDb } from './read-model.ts';
import { isInHierarchyLoop, lockAccountHierarchy, lockRecords, readRecord, writeRecord } from './record-writes.ts';
import { findMergeMoves, newQualityId, orderedPair, toRecordMerge } from './repo.ts';
import type { MergeEntity, RecordMerge, RecordMergeMoveRow, RecordMergeRow } from './schema.ts';

/**
 * Reverses a merge in one transaction: each moved row whose link still points where the merge put
 * it goes back (a row re-linked since is left alone and reported), each filled survivor field
 * still holding the filled value is cleared, and the merged record is restored. An unmerged
 * account pair is recorded as rejected, so identity resolution does not merge it again (contact
 * dedupe skips unmerged pairs the same way). Along a chain, merges are undone newest first: a
 * survivor merged away since must be restored before its own merges can be undone.
 */
export async function unmergeRecords(ctx: Ctx, entity: MergeEntity, mergeId: string): Promise<RecordMerge> {
  const spec = MERGE_ENTITY_SPECS[entity];
  return inTransaction(ctx, async (tx) => {
    if (entity === 'account') await lockAccountHierarchy(tx);
    const merge = await lockMerge(tx, entity, mergeId);
    const locked = await lockRecords(tx, spec, [merge.survivor_id, merge.merged_id], 'any');
    const survivorBefore = locked.get(merge.survivor_id)!;
    const mergedBefore = locked.get(merge.merged_id)!;
    if (survivorBefore.deleted_at !== null) {
      throw new AppError('conflict', `${entity} ${merge.survivor_id} has been merged or deleted since; restore it first`, {
        extra: { survivorId: merge.survivor_id },
      });
    }
    await restoreLinks(tx, merge, await findForeignKeys(tx, spec.table));
    const survivorRestored = await readRecord(tx, spec, merge.survivor_id);
    const cleared = fieldsToClear(survivorRestored, merge.filled_fields as FilledFields);
    // Cleared before the restore: the merged record takes back values unique among live records.
    const survivorAfter = await writeRecord(tx, spec, survivorRestored, { columns: cleared.columns, customFields: cleared.customFields });
    const mergedAfter = await writeRecord(tx, spec, mergedBefore, { deletedAt: null });
    if (entity === 'account') await assertNoHierarchyLoop(tx, merge);
    const stored = await qualityDb(tx)
      .updateTable('record_merges')
      .set({ status: 'unmerged', unmerged_at: new Date(tx.clock.now().epochMilliseconds), unmerged_by: tx.actor.id })
      .where('id', '=', merge.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (entity === 'account') await rejectAccountPair(tx, stored);
    const result = toRecordMerge(stored, await findMergeMoves(tx, merge.id));
    await recordMergeChange(tx, 'unmerge', result, [survivorBefore, survivorAfter], [mergedBefore, mergedAfter]);
    return result;
  });
}

async function lockMerge(tx: TxCtx, entity: MergeEntity, mergeId: string): Promise<RecordMergeRow> {
  const merge = await qualityDb(tx)
    .selectFrom('record_merges')
    .selectAll()
    .where('id', '=', mergeId)
    .where('entity_type', '=', entity)
    .forUpdate()
    .executeTakeFirst();
  if (!merge) throw notFound(`${entity} merge`, mergeId);
  if (merge.status !== 'merged') throw new AppError('conflict', `Merge ${mergeId} was already undone`);
  return merge;
}

/** Puts each moved row back on the merged record if it still points where the merge put it. */
async function restoreLinks(tx: TxCtx, merge: RecordMergeRow, foreignKeys: readonly ForeignKey[]): Promise<void> {
  const fks = new Map(foreignKeys.map((fk) => [fkKey(fk.schema, fk.table, fk.column), fk]));
  const outcomes: Record<'restored' | 'changed_since', number[]> = { restored: [], changed_since: [] };
  for (const move of await findMergeMoves(tx, merge.id)) {
    if (move.outcome !== 'moved') continue;
    outcomes[(await restoreLink(tx, fks, move, merge.merged_id)) ? 'restored' : 'changed_since'].push(move.seq);
  }
  for (const [outcome, seqs] of Object.entries(outcomes) as Array<['restored' | 'changed_since', number[]]>) {
    if (seqs.length === 0) continue;
    await qualityDb(tx)
      .updateTable('record_merge_moves')
      .set({ restore_outcome: outcome })
      .where('merge_id', '=', merge.id)
      .where('seq', 'in', seqs)
      .execute();
  }
}

async function restoreLink(tx: TxCtx, fks: Map<string, ForeignKey>, move: RecordMergeMoveRow, mergedId: string): Promise<boolean> {
  // A table or link dropped since the merge has nothing left to restore.
  const fk = fks.get(fkKey(move.table_schema, move.table_name, move.column_name));
  if (!fk) return false;
  return (await setLink(tx, fk, move.row_key as RowKey, { from: move.new_value, to: mergedId })) !== null;
}

function fkKey(schema: string, table: string, column: string): string {
  return `${schema}.${table}.${column}`;
}

async function assertNoHierarchyLoop(tx: TxCtx, merge: RecordMergeRow): Promise<void> {
  for (const id of [merge.survivor_id, merge.merged_id]) {
    if (await isInHierarchyLoop(tx, id)) throw ruleViolated(`Undoing merge ${merge.id} would make the account hierarchy a loop; re-parent ${id} first`);
  }
}

/** An unmerge is a person saying "these are two companies": the pair is never merged or proposed again. */
async function rejectAccountPair(tx: TxCtx, merge: RecordMergeRow): Promise<void> {
  const [low, high] = orderedPair(merge.survivor_id, merge.merged_id);
  const now = new Date(tx.clock.now().epochMilliseconds);
  await qualityDb(tx)
    .insertInto('match_candidates')
    .values({
      id: newQualityId('mtc'),
      account_low_id: low,
      account_high_id: high,
      score_bps: merge.score_bps,
      reasons: JSON.stringify(merge.reasons),
      status: 'rejected',
      created_at: now,
      decided_at: now,
      decided_by: tx.actor.id,
    })
    .onConflict((oc) => oc.columns(['account_low_id', 'account_high_id']).doUpdateSet({ status: 'rejected', decided_at: now, decided_by: tx.actor.id }))
    .execute();
}
