import { sql } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { chooseSurvivor, loadAccountProfiles } from './account-profiles.ts';
import { mergeAccounts } from './merge-records.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { qualityDb } from './read-model.ts';
import { toMatchCandidate } from './repo.ts';
import {
  confirmCandidateSchema, listCandidatesQuerySchema, type ListCandidatesQuery, type MatchCandidate, type MatchCandidateRow,
  type MatchReason, type RecordMerge,
} from './schema.ts';

/** The review queue: best matches first (score, then id), keyset-paged. */
export async function listMatchCandidates(ctx: Ctx, input: ListCandidatesQuery): Promise<{ data: MatchCandidate[]; nextCursor: string | null }> {
  const query = parseInput(listCandidatesQuerySchema, input, 'querystring');
  const cursor = decodeCursor(query.cursor);
  let select = qualityDb(ctx)
    .selectFrom('match_candidates')
    .selectAll()
    .where('status', '=', query.status)
    .orderBy('score_bps', 'desc')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.accountId !== undefined) {
    const accountId = query.accountId;
    select = select.where((eb) => eb.or([eb('account_low_id', '=', accountId), eb('account_high_id', '=', accountId)]));
  }
  if (cursor !== null) {
    const scoreBps = Number(cursor.sortValue);
    select = select.where(sql<boolean>`(score_bps < ${scoreBps} or (score_bps = ${scoreBps} and id > ${cursor.id}))`);
  }
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => ({ sortValue: row.score_bps, id: row.id }), toMatchCandidate);
}

/** Confirms a pending candidate by merging the pair; the older account survives unless told otherwise. */
export async function confirmMatchCandidate(ctx: Ctx, request: { id: string; survivorId?: string | undefined }): Promise<RecordMerge> {
  const { survivorId } = parseInput(confirmCandidateSchema, { survivorId: request.survivorId });
  return inTransaction(ctx, async (tx) => {
    const candidate = await decideCandidate(tx, request.id, 'confirmed');
    const pair = [candidate.account_low_id, candidate.account_high_id];
    if (survivorId !== undefined && !pair.includes(survivorId)) {
      throw new AppError('validation_failed', `survivorId must be one of ${pair.join(', ')}`, {
        fieldErrors: [{ field: 'body.survivorId', message: 'not one of the two accounts' }],
      });
    }
    const [x, y] = await loadAccountProfiles(tx, pair);
    if (!x || !y) throw new AppError('conflict', `One of ${pair.join(', ')} has been merged or deleted since it was proposed`);
    const chosen = survivorId === undefined ? chooseSurvivor(x, y).survivor.id : survivorId;
    return mergeAccounts(tx, {
      survivorId: chosen,
      mergedId: chosen === x.id ? y.id : x.id,
      scoreBps: candidate.score_bps,
      reasons: candidate.reasons as MatchReason[],
      candidateId: candidate.id,
    });
  });
}

/** Rejects a pending candidate: the pair is never proposed or merged automatically again. */
export async function rejectMatchCandidate(ctx: Ctx, id: string): Promise<MatchCandidate> {
  return inTransaction(ctx, async (tx) => toMatchCandidate(await decideCandidate(tx, id, 'rejected')));
}

async function decideCandidate(tx: TxCtx, id: string, status: 'confirmed' | 'rejected'): Promise<MatchCandidateRow> {
  const before = await qualityDb(tx).selectFrom('match_candidates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before) throw notFound('match candidate', id);
  if (before.status !== 'pending') throw new AppError('conflict', `Match candidate ${id} is ${before.status}, not pending`, { extra: { status: before.status } });
  const after = await qualityDb(tx)
    .updateTable('match_candidates')
    .set({ status, decided_at: new Date(tx.clock.now().epochMilliseconds), decided_by: tx.actor.id })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { action: status === 'confirmed' ? 'confirm' : 'reject', entityType: 'match_candidate', entityId: id, before, after });
  return after;
}
