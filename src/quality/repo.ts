import type { Ctx, TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { filledFieldNames, type FilledFields } from './fill-fields.ts';
import { MERGE_ENTITY_SPECS } from './merge-entities.ts';
import type { LinkMove } from './move-links.ts';
import { qualityDb } from './read-model.ts';
import type { MatchCandidate, MatchCandidateRow, MatchReason, RecordMerge, RecordMergeMoveRow, RecordMergeRow, RowRef } from './schema.ts';

/**
 * Ids with readable prefixes (STYLE.md "Naming"): "mrg_" for merges, "mtc_" for match candidates.
 * ID_PREFIXES in src/shared/ids.ts has no entry for them yet, so the ULID part comes from newId
 * under another prefix; replace with newId('mrg') once the prefixes are added there.
 */
export function newQualityId(prefix: 'mrg' | 'mtc'): string {
  return newId(prefix);
}

export function bpsToScore(scoreBps: number): number {
  return scoreBps / 10_000;
}

export function toMatchCandidate(row: MatchCandidateRow): MatchCandidate {
  return {
    id: row.id,
    accountIds: [row.account_low_id, row.account_high_id],
    score: bpsToScore(row.score_bps),
    reasons: row.reasons as MatchReason[],
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
  };
}

function toRowRef(move: Pick<RecordMergeMoveRow, 'table_name' | 'column_name' | 'row_key'>): RowRef {
  return { table: move.table_name, column: move.column_name, rowKey: move.row_key as Record<string, string> };
}

export function toRecordMerge(row: RecordMergeRow, moves: readonly RecordMergeMoveRow[]): RecordMerge {
  return {
    id: row.id,
    entityType: row.entity_type,
    survivorId: row.survivor_id,
    mergedId: row.merged_id,
    score: bpsToScore(row.score_bps),
    reasons: row.reasons as MatchReason[],
    candidateId: row.candidate_id,
    status: row.status,
    filledFields: filledFieldNames(MERGE_ENTITY_SPECS[row.entity_type], row.filled_fields as FilledFields),
    movedRowCount: moves.filter((m) => m.outcome === 'moved').length,
    keptRows: moves.filter((m) => m.outcome === 'kept').map(toRowRef),
    notRestoredRows: moves.filter((m) => m.restore_outcome === 'changed_since').map(toRowRef),
    mergedAt: row.merged_at.toISOString(),
    mergedBy: row.merged_by,
    unmergedAt: row.unmerged_at?.toISOString() ?? null,
    unmergedBy: row.unmerged_by,
  };
}

export async function findMergeMoves(ctx: Ctx, mergeId: string): Promise<RecordMergeMoveRow[]> {
  return qualityDb(ctx).selectFrom('record_merge_moves').selectAll().where('merge_id', '=', mergeId).orderBy('seq').execute();
}

// 9 values a row: 1000 rows stay far below PostgreSQL's 65535 bind parameters.
const MOVE_BATCH = 1000;

export async function insertMergeMoves(tx: TxCtx, mergeId: string, moves: readonly LinkMove[]): Promise<void> {
  const rows = moves.map((move, index) => ({
    merge_id: mergeId,
    seq: index + 1,
    table_schema: move.fk.schema,
    table_name: move.fk.table,
    column_name: move.fk.column,
    row_key: JSON.stringify(move.rowKey),
    new_value: move.newValue,
    outcome: move.outcome,
    restore_outcome: null,
  }));
  for (let start = 0; start < rows.length; start += MOVE_BATCH) {
    await qualityDb(tx).insertInto('record_merge_moves').values(rows.slice(start, start + MOVE_BATCH)).execute();
  }
}

/** Pending candidates that name a merged-away account can no longer be decided as they stand. */
export async function supersedeCandidates(tx: TxCtx, accountId: string, exceptId: string | null): Promise<void> {
  let query = qualityDb(tx)
    .updateTable('match_candidates')
    .set({ status: 'superseded', decided_at: new Date(tx.clock.now().epochMilliseconds), decided_by: tx.actor.id })
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('account_low_id', '=', accountId), eb('account_high_id', '=', accountId)]));
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  await query.execute();
}

/** The pair in stored order (low id first), as the unique constraint sees it. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

export async function findCandidateForPair(ctx: Ctx, x: string, y: string): Promise<MatchCandidateRow | undefined> {
  const [low, high] = orderedPair(x, y);
  return qualityDb(ctx)
    .selectFrom('match_candidates')
    .selectAll()
    .where('account_low_id', '=', low)
    .where('account_high_id', '=', high)
    .executeTakeFirst();
}
