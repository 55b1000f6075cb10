import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { qualityDb } from './read-model.ts';
import type { MergeEntity } from './schema.ts';

// Chains stay short (each hop is a merge into a live survivor); a longer one means a loop, i.e. a bug.
const MAX_HOPS = 100;

/**
 * The record that now stands for `id`: itself, or the survivor of the merge that folded it away,
 * followed along chains (A into B, then B into C → C). For the import engine: a re-import finds a
 * merged record by its kept (source_system, external_id) and must link to the survivor.
 * Does not check that the id exists.
 */
export async function resolveRecordId(ctx: Ctx, entity: MergeEntity, id: string): Promise<string> {
  let current = id;
  for (let hops = 0; hops < MAX_HOPS; hops += 1) {
    const merge = await qualityDb(ctx)
      .selectFrom('record_merges')
      .select('survivor_id')
      .where('entity_type', '=', entity)
      .where('merged_id', '=', current)
      .where('status', '=', 'merged')
      .executeTakeFirst();
    if (!merge) return current;
    current = merge.survivor_id;
  }
  assert(false, `${entity} merge chain from ${id} is longer than ${MAX_HOPS} hops`);
}

export function resolveAccountId(ctx: Ctx, accountId: string): Promise<string> {
  return resolveRecordId(ctx, 'account', accountId);
}

export function resolveContactId(ctx: Ctx, contactId: string): Promise<string> {
  return resolveRecordId(ctx, 'contact', contactId);
}

/**
 * resolveRecordId for many ids at once (one query per hop, not per id): only the ids merged away,
 * each mapped to its survivor. The import engine's MergeResolver shape.
 */
export async function resolveMergedIds(ctx: Ctx, entity: MergeEntity, ids: readonly string[]): Promise<Map<string, string>> {
  const current = new Map([...new Set(ids)].map((id) => [id, id]));
  for (let hops = 0; hops < MAX_HOPS && current.size > 0; hops += 1) {
    const heads = [...new Set(current.values())];
    const merges = await qualityDb(ctx)
      .selectFrom('record_merges')
      .select(['merged_id', 'survivor_id'])
      .where('entity_type', '=', entity)
      .where('status', '=', 'merged')
      .where('merged_id', 'in', heads)
      .execute();
    if (merges.length === 0) return new Map([...current].filter(([id, survivor]) => id !== survivor));
    const next = new Map(merges.map((m) => [m.merged_id, m.survivor_id]));
    for (const [id, head] of current) current.set(id, next.get(head) ?? head);
  }
  assert(current.size === 0, `${entity} merge chain is longer than ${MAX_HOPS} hops`);
  return new Map();
}
