import type { TxCtx } from '../../shared/context.ts';
import { keyOf, type NewImportKey } from '../repo.ts';
import type { KeyMap } from './key-map.ts';
import type { BatchScope, PendingRow } from './write-batch.ts';
import { followLinks, linksOf, RecordWriteError, targetOf, type RowOutcomes } from './write-row.ts';

/**
 * One adapter call for the whole batch (adapters with writeMany: accounts, usage): rows of one record
 * each, references already checked. A failure is attributed to the first row; the caller then
 * replays the batch row by row, which finds the row really at fault.
 */
export async function writeBulk(tx: TxCtx, scope: BatchScope, rows: PendingRow[], ids: KeyMap, newKeys: NewImportKey[]): Promise<RowOutcomes[]> {
  const first = rows[0]?.records[0];
  if (!first) return [];
  const adapter = scope.adapters.get(first.entity);
  if (!adapter?.writeMany) throw new Error(`Assertion failed: writeBulk called for ${first.entity}, which has no writeMany`);
  const items = rows.map((row) => {
    const record = row.records[0]!;
    const key = keyOf(record.entity, record.externalId);
    ids.markRead(key);
    return { key, record, target: targetOf(scope, record, ids), existingId: ids.get(key), merged: ids.isMerged(key) };
  });
  // A key that stands for a record under another identity (merged) is left as it is, as writeRow does.
  const toWrite = items.filter((item) => !item.merged);
  let written;
  try {
    written = await adapter.writeMany(tx, toWrite.map((item) => ({ record: item.target, existingId: item.existingId })));
  } catch (error) {
    throw new RecordWriteError(toWrite[0]?.record ?? first, error);
  }
  const outcomes = new Map<string, RowOutcomes>();
  for (const [i, result] of written.entries()) {
    const item = toWrite[i]!;
    const links = linksOf(item.record, item.target);
    if (item.existingId === undefined) {
      ids.set(item.key, result.id, false, links);
      newKeys.push({ entity: item.record.entity, externalId: item.record.externalId, recordId: result.id, merged: false, links });
    } else if (result.outcome === 'updated') {
      await followLinks(tx, scope, ids, item.record, links);
    }
    outcomes.set(item.key, [{ entity: item.record.entity, outcome: result.outcome }]);
  }
  return items.map((item) => outcomes.get(item.key) ?? [{ entity: item.record.entity, outcome: 'merged' as const }]);
}
