import type { MergeResolver } from '../imports/index.ts';
import { resolveMergedIds } from './resolve-record-id.ts';
import type { MergeEntity } from './schema.ts';

const MERGED_ENTITIES: ReadonlySet<string> = new Set<MergeEntity>(['account', 'contact']);

/**
 * Identity resolution as the import engine asks for it: of the records a batch's keys point at,
 * those merged away (accounts by identity resolution, contacts by e-mail dedupe) mapped to their
 * survivors, one query per merge hop for the whole batch. quality comes after imports in the
 * domain order, so the engine cannot call it; the composition layers (the CLI's `revline import`
 * and the HTTP /imports routes) both pass this one in, so an import resolves merges the same way
 * whichever door it came through.
 */
export const resolveImportMerges: MergeResolver = async (ctx, entity, ids) => {
  if (!MERGED_ENTITIES.has(entity) || ids.length === 0) return new Map();
  return resolveMergedIds(ctx, entity as MergeEntity, ids);
};
