import { recordAudit } from '../shared/audit.ts';
import { publishEvent } from '../shared/events/index.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { ruleViolated } from '../shared/errors.ts';
import { customFieldsWith, fieldsToFill } from './fill-fields.ts';
import { findForeignKeys } from './foreign-keys.ts';
import { MERGE_ENTITY_SPECS, type MergeEntitySpec } from './merge-entities.ts';
import { moveLinks } from './move-links.ts';
import { qualityDb } from './read-model.ts';
import { isInHierarchyLoop, lockAccountHierarchy, lockRecords, readRecord, writeRecord, type RecordRow } from './record-writes.ts';
import { findMergeMoves, insertMergeMoves, newQualityId, supersedeCandidates, toRecordMerge } from './repo.ts';
import type { MatchReason, MergeEntity, RecordMerge, RecordMergeRow } from './schema.ts';

export type MergeRequest = {
  survivorId: string;
  mergedId: string;
  scoreBps: number;
  reasons: MatchReason[];
  candidateId?: string | null;
};

/**
 * Folds one account into another in one transaction: every row linked to the merged account
 * moves to the survivor (each move recorded), blank survivor fields are filled from the merged
 * account (recorded), and the merged account is soft-deleted with its import key kept, so a
 * re-import finds it and resolveAccountId leads to the survivor. Audited on both accounts and on
 * the merge; unmergeRecords undoes exactly this.
 */
export async function mergeAccounts(ctx: Ctx, request: MergeRequest): Promise<RecordMerge> {
  return mergeRecords(ctx, MERGE_ENTITY_SPECS.account, request);
}

/** The same for two contacts (the same person, e.g. by normalized e-mail). */
export async function mergeContacts(ctx: Ctx, request: MergeRequest): Promise<RecordMerge> {
  return mergeRecords(ctx, MERGE_ENTITY_SPECS.contact, request);
}

async function mergeRecords(ctx: Ctx, spec: MergeEntitySpec, request: MergeRequest): Promise<RecordMerge> {
  if (request.survivorId === request.mergedId) throw ruleViolated(`A ${spec.entity} cannot be merged into itself`);
  return inTransaction(ctx, async (tx) => {
    if (spec.entity === 'account') await lockAccountHierarchy(tx);
    const locked = await lockRecords(tx, spec, [request.survivorId, request.mergedId], 'live');
    const survivorBefore = locked.get(request.survivorId)!;
    const mergedBefore = locked.get(request.mergedId)!;
    const merge = await insertMerge(tx, spec.entity, request);
    const moves = await moveLinks(tx, spec.table, await findForeignKeys(tx, spec.table), mergedBefore.id, survivorBefore.id);
    await insertMergeMoves(tx, merge.id, moves);
    // Deleted first: the survivor may take a value (a contact's e-mail) unique among live records.
    const mergedAfter = await writeRecord(tx, spec, mergedBefore, { deletedAt: new Date(tx.clock.now().epochMilliseconds) });
    const survivorMoved = await readRecord(tx, spec, survivorBefore.id);
    const filled = fieldsToFill(spec, survivorMoved, mergedBefore);
    const survivorAfter = await writeRecord(tx, spec, survivorMoved, { columns: filled.columns, customFields: customFieldsWith(survivorMoved, filled) });
    if (spec.entity === 'account' && (await isInHierarchyLoop(tx, survivorBefore.id))) {
      throw ruleViolated(`Merging ${mergedBefore.id} into ${survivorBefore.id} would make the account hierarchy a loop; re-parent first`, {
        accountIds: [survivorBefore.id, mergedBefore.id],
      });
    }
    const stored = await qualityDb(tx)
      .updateTable('record_merges')
      .set({ filled_fields: JSON.stringify(filled) })
      .where('id', '=', merge.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (spec.entity === 'account') await supersedeCandidates(tx, mergedBefore.id, request.candidateId ?? null);
    const result = toRecordMerge(stored, await findMergeMoves(tx, merge.id));
    await recordMergeChange(tx, 'merge', result, [survivorBefore, survivorAfter], [mergedBefore, mergedAfter]);
    return result;
  });
}

async function insertMerge(tx: TxCtx, entity: MergeEntity, request: MergeRequest): Promise<RecordMergeRow> {
  return qualityDb(tx)
    .insertInto('record_merges')
    .values({
      id: newQualityId('mrg'),
      entity_type: entity,
      survivor_id: request.survivorId,
      merged_id: request.mergedId,
      score_bps: request.scoreBps,
      reasons: JSON.stringify(request.reasons),
      candidate_id: request.candidateId ?? null,
      filled_fields: '{}',
      status: 'merged',
      merged_at: new Date(tx.clock.now().epochMilliseconds),
      merged_by: tx.actor.id,
      unmerged_at: null,
      unmerged_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * One audit entry per record (before/after rows) and one for the merge itself, whose `after` lists
 * the moved rows: the history of a moved contact or opportunity is found through it. Then the
 * `account.merged` / `account.unmerged` event (contact.… alike) for later domains and webhooks,
 * e.g. to merge the same records in the CRM they came from.
 */
export async function recordMergeChange(
  tx: TxCtx,
  action: 'merge' | 'unmerge',
  merge: RecordMerge,
  survivor: [RecordRow, RecordRow],
  merged: [RecordRow, RecordRow],
): Promise<void> {
  const entityType = merge.entityType;
  await recordAudit(tx, { action, entityType, entityId: survivor[0].id, before: survivor[0], after: survivor[1] });
  await recordAudit(tx, { action, entityType, entityId: merged[0].id, before: merged[0], after: merged[1] });
  const moves = await findMergeMoves(tx, merge.id);
  await recordAudit(tx, {
    action,
    entityType: `${entityType}_merge`,
    entityId: merge.id,
    before: null,
    after: { ...merge, moves: moves.map((m) => ({ table: m.table_name, column: m.column_name, rowKey: m.row_key, outcome: m.outcome, restoreOutcome: m.restore_outcome })) },
  });
  await publishEvent(tx, {
    type: `${entityType}.${action}d`,
    aggregateType: entityType,
    aggregateId: merge.survivorId,
    payload: { mergeId: merge.id, survivorId: merge.survivorId, mergedId: merge.mergedId, movedRowCount: merge.movedRowCount },
  });
}
