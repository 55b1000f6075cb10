import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import type { MappedRecord, RowProblem } from '../mapping/map-row.ts';
import { insertImportKeys, keyOf, touchImportKeys, type NewImportKey } from '../repo.ts';
import type { TargetAdapter } from '../targets/adapter.ts';
import type { EntityName } from '../targets/entities.ts';
import { KeyMap, knownKeys, type MergeResolver } from './key-map.ts';
import type { RowPlaces } from './row-places.ts';
import { withSavepoint } from '../../shared/db/savepoint.ts';
import { writeBulk } from './write-bulk.ts';
import { checkRow, problemsOf, writeRow, type RowOutcomes } from './write-row.ts';

/** A mapped row waiting to be written, with its source values for the error report. */
export type PendingRow = { fileIndex: number; fileName: string; line: number; values: Readonly<Record<string, string>>; records: MappedRecord[] };

export type BatchRowResult =
  | { kind: 'written'; outcomes: RowOutcomes }
  | { kind: 'deferred' }
  | { kind: 'rejected'; problems: RowProblem[] };

export type { MergeResolver };

export type BatchScope = {
  runId: string;
  sourceSystem: string;
  adapters: ReadonlyMap<EntityName, TargetAdapter>;
  resolveMerged: MergeResolver | null;
  /** The retry at the end of the run: a reference still missing now rejects the row. */
  finalPass: boolean;
  /** Rows of this run rejected or waiting: why a reference is missing. */
  places: RowPlaces;
};

/**
 * Writes a batch in one transaction (a savepoint of the run's transaction in a dry run). Fast
 * path: every row straight through, one import_keys insert at the end. If any row fails, the
 * whole attempt is rolled back and replayed with a savepoint per row, so the failing row leaves
 * nothing behind and the others are written; a rejected row never half-writes.
 */
export async function writeBatch(ctx: Ctx, scope: BatchScope, rows: PendingRow[]): Promise<BatchRowResult[]> {
  const known = await knownKeys(ctx, scope, rows);
  try {
    return await inBatchScope(ctx, (tx) => attempt(tx, scope, rows, new KeyMap(known, scope.runId), false));
  } catch {
    return inBatchScope(ctx, (tx) => attempt(tx, scope, rows, new KeyMap(known, scope.runId), true));
  }
}

function inBatchScope<T>(ctx: Ctx, work: (tx: TxCtx) => Promise<T>): Promise<T> {
  const tx = ctx as TxCtx;
  return ctx.db.isTransaction ? withSavepoint(tx, 'import_batch', () => work(tx)) : inTransaction(ctx, work);
}

async function attempt(tx: TxCtx, scope: BatchScope, rows: PendingRow[], ids: KeyMap, perRow: boolean): Promise<BatchRowResult[]> {
  const newKeys: NewImportKey[] = [];
  const bulk = !perRow && isBulkBatch(scope, rows, ids);
  const results: BatchRowResult[] = [];
  const ready: number[] = [];
  for (const [index, row] of rows.entries()) {
    const check = checkRow(row, ids, scope.finalPass, scope.places);
    // Noted at once: a later row of this batch that needs this one is told why it is missing.
    if (check.kind === 'rejected') scope.places.noteRejected(row.records, row.fileName, row.line);
    if (check.kind !== 'ready') results.push(check);
    else if (bulk) {
      results.push({ kind: 'written', outcomes: [] });
      ready.push(index);
      for (const record of row.records) ids.markRead(keyOf(record.entity, record.externalId));
    } else if (!perRow) results.push({ kind: 'written', outcomes: await writeRow(tx, scope, row, ids, newKeys) });
    else results.push(await writeRowAlone(tx, scope, row, ids));
  }
  if (bulk) {
    const outcomes = await writeBulk(tx, scope, ready.map((i) => rows[i] as PendingRow), ids, newKeys);
    outcomes.forEach((rowOutcomes, k) => (results[ready[k] as number] = { kind: 'written', outcomes: rowOutcomes }));
  }
  await finishKeys(tx, scope, ids, newKeys);
  return results;
}

async function finishKeys(tx: TxCtx, scope: BatchScope, ids: KeyMap, newKeys: NewImportKey[]): Promise<void> {
  await insertImportKeys(tx, scope.sourceSystem, scope.runId, newKeys, new Date(tx.clock.now().epochMilliseconds));
  await touchImportKeys(tx, scope.sourceSystem, scope.runId, ids.takeTouched());
}

/**
 * Bulk when every row is one record of an entity whose adapter writes many at once (accounts,
 * usage), none is a record every row shares, and no row refers to a record another row of the
 * batch makes (a bulk write creates them together, so the reference could not resolve yet).
 */
function isBulkBatch(scope: BatchScope, rows: PendingRow[], ids: KeyMap | null): boolean {
  const single = rows.every((row) => row.records.length === 1 && !row.records[0]!.shared && scope.adapters.get(row.records[0]!.entity)?.writeMany !== undefined);
  if (!single || ids === null) return single;
  const made = new Set(rows.map((row) => keyOf(row.records[0]!.entity, row.records[0]!.externalId)));
  return rows.every((row) => row.records[0]!.refs.every((ref) => {
    const key = keyOf(ref.entity, ref.externalId);
    return !made.has(key) || ids.has(key);
  }));
}

async function writeRowAlone(tx: TxCtx, scope: BatchScope, row: PendingRow, ids: KeyMap): Promise<BatchRowResult> {
  const rowKeys: NewImportKey[] = [];
  try {
    return await withSavepoint(tx, 'import_row', async () => {
      const outcomes = isBulkBatch(scope, [row], null) ? ((await writeBulk(tx, scope, [row], ids, rowKeys))[0] ?? []) : await writeRow(tx, scope, row, ids, rowKeys);
      await finishKeys(tx, scope, ids, rowKeys);
      return { kind: 'written' as const, outcomes };
    });
  } catch (error) {
    // The savepoint undid the row's records, so what it created or read must not count for later rows.
    ids.forget(row.records.map((record) => keyOf(record.entity, record.externalId)));
    return { kind: 'rejected', problems: problemsOf(error, row, tx) };
  }
}
