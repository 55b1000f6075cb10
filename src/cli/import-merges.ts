import type { MergeResolver } from '../imports/index.ts';
import { resolveAccountId } from '../quality/index.ts';

/**
 * Wires identity resolution into imports (the CLI and the API): quality comes after imports in
 * the domain order, so imports cannot ask it directly. Accounts only, as quality merges accounts
 * by resolveAccountId; a key of a merged-away account then resolves to its survivor.
 */
export const resolveMergedRecords: MergeResolver = async (ctx, entity, ids) => {
  const survivors = new Map<string, string>();
  if (entity !== 'account') return survivors;
  for (const id of new Set(ids)) {
    const survivor = await resolveAccountId(ctx, id);
    if (survivor !== id) survivors.set(id, survivor);
  }
  return survivors;
};
