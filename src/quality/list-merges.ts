import type { Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { qualityDb } from './read-model.ts';
import { findMergeMoves, toRecordMerge } from './repo.ts';
import { listMergesQuerySchema, type ListMergesQuery, type MergeEntity, type RecordMerge } from './schema.ts';

/** Merges of one entity type, newest first (ids are time-ordered), optionally of one status or record. */
export async function listMerges(ctx: Ctx, entity: MergeEntity, input: ListMergesQuery): Promise<{ data: RecordMerge[]; nextCursor: string | null }> {
  const query = parseInput(listMergesQuerySchema, input, 'querystring');
  const cursor = decodeCursor(query.cursor);
  let select = qualityDb(ctx).selectFrom('record_merges').selectAll().where('entity_type', '=', entity).orderBy('id', 'desc').limit(query.limit + 1);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  if (query.recordId !== undefined) {
    const recordId = query.recordId;
    select = select.where((eb) => eb.or([eb('survivor_id', '=', recordId), eb('merged_id', '=', recordId)]));
  }
  if (cursor !== null) select = select.where('id', '<', cursor.id);
  const rows = await select.execute();
  const page = toPage(rows, query.limit, (row) => ({ sortValue: row.id, id: row.id }), (row) => row);
  const data = await Promise.all(page.data.map(async (row) => toRecordMerge(row, await findMergeMoves(ctx, row.id))));
  return { data, nextCursor: page.nextCursor };
}

export async function getMerge(ctx: Ctx, entity: MergeEntity, id: string): Promise<RecordMerge> {
  const row = await qualityDb(ctx).selectFrom('record_merges').selectAll().where('id', '=', id).where('entity_type', '=', entity).executeTakeFirst();
  if (!row) throw notFound(`${entity} merge`, id);
  return toRecordMerge(row, await findMergeMoves(ctx, row.id));
}
