import type { Ctx, TxCtx } from '../../shared/context.ts';
import { mapRow, type RowProblem } from '../mapping/map-row.ts';
import { readCsvRows } from '../parse/read-csv-rows.ts';
import { readJsonRows } from '../parse/read-json-rows.ts';
import { SourceFileError, type SourceRow } from '../parse/source-row.ts';
import type { EntityName } from '../targets/entities.ts';
import { DeferredQueue } from './deferred-queue.ts';
import type { ErrorSink } from './error-sink.ts';
import { countBytes, ImportInputError } from './input-file.ts';
import type { FilePlan, PlannedFile } from './plan-files.ts';
import type { Tally } from './tally.ts';
import { writeBatch, type BatchScope, type PendingRow } from './write-batch.ts';

export type ImportProgress = { file: string; fileNumber: number; fileCount: number; bytesRead: number; fileSize: number | null; rows: number; retrying: boolean };

export type ImportLoop = {
  ctx: Ctx;
  scope: Omit<BatchScope, 'finalPass'>;
  plan: FilePlan;
  errors: ErrorSink;
  tally: Tally;
  batchSize: number;
  dryRun: boolean;
  onProgress: ((progress: ImportProgress) => void) | undefined;
};

/**
 * The streaming loop: each file row by row (in dependency order), mapped and written in batches;
 * then the rows deferred for a missing reference are retried (retryDeferred). Memory holds one batch.
 */
export async function importFiles(loop: ImportLoop): Promise<void> {
  const deferred = new DeferredQueue();
  const state = { rows: 0 };
  try {
    for (const [index, planned] of loop.plan.files.entries()) {
      try {
        await importFile(loop, planned, index, deferred, state);
      } catch (error) {
        // A file that cannot be read on (a duplicated header, bad JSON structure) names itself.
        if (error instanceof SourceFileError) throw new ImportInputError(`${planned.input.name}: ${error.message}`);
        throw error;
      }
    }
    await retryDeferred(loop, deferred, state);
  } finally {
    deferred.dispose();
  }
}

async function importFile(loop: ImportLoop, planned: PlannedFile, index: number, deferred: DeferredQueue, state: { rows: number }): Promise<void> {
  const name = planned.input.name;
  loop.tally.startFile(name);
  let bytesRead = 0;
  const progress = () => loop.onProgress?.({ file: name, fileNumber: index + 1, fileCount: loop.plan.files.length, bytesRead, fileSize: planned.input.size, rows: state.rows, retrying: false });
  const chunks = countBytes(planned.input.open(), (total) => (bytesRead = total));
  const rows: AsyncIterable<SourceRow> = planned.format === 'json' ? readJsonRows(chunks) : readCsvRows(chunks, planned.file.settings);
  let batch: PendingRow[] = [];
  const writer = new BatchWriter(loop, deferred);
  for await (const source of rows) {
    state.rows += 1;
    if (source.kind === 'problem') {
      await rejectRow(loop, name, source.line, primaryEntities(planned), [{ field: '', value: source.raw.slice(0, 500), reason: source.reason }]);
      continue;
    }
    const mapped = mapRow(planned.file, source.values, { fileName: name, line: source.line });
    if (!mapped.ok) {
      loop.scope.places.noteRejected(mapped.records, name, source.line);
      await rejectRow(loop, name, source.line, primaryEntities(planned), mapped.problems);
      continue;
    }
    batch.push({ fileIndex: index, fileName: name, line: source.line, values: source.values, records: mapped.records });
    if (batch.length >= loop.batchSize) {
      await writer.write(batch, progress);
      batch = [];
    }
  }
  await writer.write(batch, progress);
  await writer.drain();
}

/**
 * Writes batches one at a time but without waiting for each: while the database writes batch n,
 * the file is read and mapped into batch n + 1 (the reader would otherwise idle during every
 * write). At most one write is in flight, so batches commit in order and each batch's key
 * look-up sees the keys of all batches before it.
 */
class BatchWriter {
  private inFlight: Promise<void> | null = null;

  constructor(private readonly loop: ImportLoop, private readonly deferred: DeferredQueue) {}

  async write(batch: PendingRow[], done: () => void): Promise<void> {
    await this.drain();
    if (batch.length === 0) return;
    const writing = flush(this.loop, batch, this.deferred, false).then(() => done());
    // Kept, and awaited by the next write or drain; the catch only stops an "unhandled" report meanwhile.
    writing.catch(() => undefined);
    this.inFlight = writing;
  }

  async drain(): Promise<void> {
    const writing = this.inFlight;
    this.inFlight = null;
    if (writing) await writing;
  }
}

/**
 * The retry: pass after pass over the waiting rows, each writing those whose references now exist (a great-grandchild listed before its parents needs one pass per level),
 * until a pass writes nothing or the passes run out; the last pass then rejects what still waits,
 * saying why. Deferred rows are re-mapped from their source values (deferral keeps values, not records).
 */
async function retryDeferred(loop: ImportLoop, deferred: DeferredQueue, state: { rows: number }): Promise<void> {
  let waiting = deferred;
  try {
    for (let pass = 1; waiting.size > 0; pass += 1) {
      const finalPass = pass === MAX_RETRY_PASSES;
      const next = new DeferredQueue();
      const written = await retryPass(loop, waiting, next, finalPass, state);
      if (waiting !== deferred) waiting.dispose();
      waiting = next;
      if (!finalPass && written === 0) {
        await retryPass(loop, waiting, new DeferredQueue(), true, state);
        return;
      }
    }
  } finally {
    if (waiting !== deferred) waiting.dispose();
  }
}

/** Deeper chains than this, listed children first, are rejected rather than retried without end. */
const MAX_RETRY_PASSES = 50;

/** One pass over the waiting rows; those still waiting go to `next`. The number of rows written. */
async function retryPass(loop: ImportLoop, waiting: DeferredQueue, next: DeferredQueue, finalPass: boolean, state: { rows: number }): Promise<number> {
  let written = 0;
  let batch: PendingRow[] = [];
  const write = async () => {
    written += await flush(loop, batch, next, finalPass);
    batch = [];
  };
  for await (const row of waiting.drain()) {
    const planned = loop.plan.files[row.fileIndex];
    const mapped = planned ? mapRow(planned.file, row.values, { fileName: row.fileName, line: row.line }) : null;
    if (!mapped?.ok) throw new Error(`Assertion failed: deferred row ${row.fileName}:${row.line} no longer maps`);
    batch.push({ ...row, records: mapped.records });
    if (batch.length >= loop.batchSize) {
      await write();
      loop.onProgress?.({ file: row.fileName, fileNumber: loop.plan.files.length, fileCount: loop.plan.files.length, bytesRead: 0, fileSize: null, rows: state.rows, retrying: true });
    }
  }
  await write();
  return written;
}

/** Writes a batch and files each row's result; the number of rows written. */
async function flush(loop: ImportLoop, batch: PendingRow[], deferred: DeferredQueue, finalPass: boolean): Promise<number> {
  if (batch.length === 0) return 0;
  const results = await writeBatch(loop.ctx, { ...loop.scope, finalPass }, batch);
  let written = 0;
  for (const [i, result] of results.entries()) {
    const row = batch[i] as PendingRow;
    if (result.kind === 'written') {
      written += 1;
      loop.tally.addRow(row.fileName, { entities: result.outcomes });
    } else if (result.kind === 'deferred') {
      loop.scope.places.noteWaiting(row.records, row.fileName, row.line);
      deferred.add({ fileIndex: row.fileIndex, fileName: row.fileName, line: row.line, values: { ...row.values } });
    } else {
      loop.scope.places.noteRejected(row.records, row.fileName, row.line);
      await rejectRow(loop, row.fileName, row.line, row.records.map((r) => r.entity), result.problems);
    }
  }
  // A dry run never commits, so the audit entries its transaction buffers would only grow memory.
  if (loop.dryRun) (loop.ctx as TxCtx).pendingAudit?.splice(0);
  return written;
}

async function rejectRow(loop: ImportLoop, file: string, line: number, entities: EntityName[], problems: RowProblem[]): Promise<void> {
  for (const problem of problems) await loop.errors.add({ file, line, ...problem });
  loop.tally.addRow(file, { entities: entities.map((entity) => ({ entity, outcome: 'rejected' as const })) });
}

/** The records every row of the file makes (conditional ones excluded): what a rejected row counts against. */
function primaryEntities(planned: PlannedFile): EntityName[] {
  return planned.file.records.filter((r) => !r.when).map((r) => r.entity);
}
