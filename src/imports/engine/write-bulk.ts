import type { TxCtx } from '../../shared/context.ts';
import { keyOf, type NewImportKey } from '../repo.ts';
import type { KeyMap } from './key-map.ts';
import type { BatchScope, PendingRow } from './write-batch.ts';
import { linksOf, RecordWriteError, targetOf, type RowOutcomes } from './write-row.ts';

/**
 * One adapter call for the whole batch (adapters with writeMany, e.g. usage): rows of one record
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
    return { key, record, target: targetOf(scope, record, ids), existingId: ids.get(key) };
  });
  let written;
  try {
    written = await adapter.writeMany(tx, items.map((item) => ({ record: item.target, existingId: item.existingId })));
  } catch (error) {
    throw new RecordWriteError(first, error);
  }
  return written.map((result, i) => {
    const item = items[i]!;
    if (item.existingId === undefined) {
      const links = linksOf(item.record, item.target);
      ids.set(item.key, result.id, false, links);
      newKeys.push({ entity: item.record.entity, externalId: item.record.externalId, recordId: result.id, merged: false, links });
    }
    return [{ entity: item.record.entity, outcome: result.outcome }];
  });
}
