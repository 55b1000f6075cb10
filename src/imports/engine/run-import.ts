import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import type { CompiledMapping } from '../mapping/compile-mapping.ts';
import { finishImportRun, insertImportRun } from '../repo.ts';
import type { EntityName } from '../targets/entities.ts';
import type { ErrorSink } from './error-sink.ts';
import { importFiles, type ImportProgress } from './import-files.ts';
import type { InputFile } from './input-file.ts';
import { planFiles, type SkippedFile } from './plan-files.ts';
import { RowPlaces } from './row-places.ts';
import { typeCustomFieldsByDefinition } from './type-custom-fields.ts';
import { Tally, type Counts, type FileCounts } from './tally.ts';
import type { MergeResolver } from './write-batch.ts';

export type ImportRequest = {
  mapping: CompiledMapping;
  /** What the history shows: 'salesforce', 'hubspot', 'stripe' or 'mapping:<name>'. */
  source: string;
  files: InputFile[];
  dryRun: boolean;
  errors: ErrorSink;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per transaction: each commit costs a disk flush and a few statements, so larger batches go faster; 2000 keeps transactions short and a failed batch's row-by-row replay small. */
  batchSize?: number;
  /** Follows records merged away by identity resolution (wired by the CLI and API from src/quality). */
  resolveMerged?: MergeResolver;
  /** The run's id, when the caller needs it before the run ends (the API's background runs); new otherwise. */
  runId?: string;
  /** Called once the run is recorded in import_runs, i.e. after the files were matched to the mapping. */
  onStart?: (runId: string) => void;
};

export type ImportSummary = {
  runId: string;
  source: string;
  sourceSystem: string;
  dryRun: boolean;
  files: FileCounts[];
  skippedFiles: SkippedFile[];
  entities: Partial<Record<EntityName, Counts>>;
  totals: Counts & { rows: number };
  errorReport: string | null;
  errorCount: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  rowsPerSecond: number;
};

export const DEFAULT_BATCH_SIZE = 2000;

class DryRunRollback extends Error {}

/**
 * One import run, recorded in import_runs whatever happens. A real run commits batch by batch; a
 * dry run does exactly the same work inside one transaction and rolls it back, so its counts are
 * what a real run would report, domain rules and relations included, and nothing stays written.
 */
export async function runImport(ctx: Ctx, request: ImportRequest): Promise<ImportSummary> {
  const plan = await planFiles(await typeCustomFieldsByDefinition(ctx, request.mapping), request.files);
  const runId = request.runId ?? newId('imp');
  const started = ctx.clock.now().epochMilliseconds;
  const sourceSystem = request.mapping.mapping.sourceSystem;
  await insertImportRun(ctx, { id: runId, source: request.source, sourceSystem, files: request.files.map((f) => f.name), dryRun: request.dryRun, startedAt: new Date(started) });
  request.onStart?.(runId);
  const tally = new Tally();
  const adapters = new Map(request.mapping.files.flatMap((f) => f.records.map((r) => [r.entity, r.adapter] as const)));
  const loop = (runCtx: Ctx) => importFiles({
    ctx: runCtx, scope: { runId, sourceSystem, adapters, resolveMerged: request.resolveMerged ?? null, places: new RowPlaces() }, plan, errors: request.errors, tally,
    batchSize: request.batchSize ?? DEFAULT_BATCH_SIZE, dryRun: request.dryRun, onProgress: request.onProgress,
  });
  const summarize = (): ImportSummary => {
    const finished = ctx.clock.now().epochMilliseconds;
    const totals = tally.totals();
    return {
      runId, source: request.source, sourceSystem, dryRun: request.dryRun, files: tally.fileCounts(), skippedFiles: plan.skipped,
      entities: tally.entityCounts(), totals, errorReport: request.errors.location, errorCount: request.errors.count,
      startedAt: new Date(started).toISOString(), finishedAt: new Date(finished).toISOString(), durationMs: finished - started,
      rowsPerSecond: finished > started ? Math.round((totals.rows * 1000) / (finished - started)) : totals.rows,
    };
  };
  try {
    if (request.dryRun) await rolledBack(ctx, loop);
    else await loop(ctx);
    await request.errors.close();
  } catch (error) {
    await request.errors.close().catch(() => undefined);
    const summary = summarize();
    const failure = error instanceof Error ? error.message : String(error);
    await finishImportRun(ctx, runId, { status: 'failed', finishedAt: new Date(summary.finishedAt), counts: summary, errorReport: summary.errorReport, failure });
    throw error;
  }
  const summary = summarize();
  await finishImportRun(ctx, runId, { status: 'completed', finishedAt: new Date(summary.finishedAt), counts: summary, errorReport: summary.errorReport, failure: null });
  return summary;
}

async function rolledBack(ctx: Ctx, work: (tx: Ctx) => Promise<void>): Promise<void> {
  try {
    await inTransaction(ctx, async (tx) => {
      await work(tx);
      throw new DryRunRollback('dry run: roll back');
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
}
