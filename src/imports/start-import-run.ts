import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { csvErrorSink } from './engine/error-sink.ts';
import type { ImportProgress } from './engine/import-files.ts';
import type { InputFile } from './engine/input-file.ts';
import type { MergeResolver } from './engine/key-map.ts';
import { runImport } from './engine/run-import.ts';
import type { CompiledMapping } from './mapping/compile-mapping.ts';

/**
 * Where the API's background runs write their CSV error reports (`<runId>.csv`). Only files in here
 * are served by GET /imports/:id/error-report: a CLI run's report path points at the CLI user's disk.
 */
export const IMPORT_REPORTS_DIR = path.join(os.tmpdir(), 'revline-import-reports');

/**
 * Progress of the runs this process is running, by run id. In memory on purpose: progress is only
 * interesting while the run lives, and a run lives in the process that started it.
 */
const progressByRun = new Map<string, ImportProgress>();

export function findImportRunProgress(runId: string): ImportProgress | null {
  return progressByRun.get(runId) ?? null;
}

export type StartImportRunInput = {
  mapping: CompiledMapping;
  source: string;
  files: InputFile[];
  dryRun: boolean;
  resolveMerged?: MergeResolver | undefined;
};

/**
 * Starts an import in the background and answers once the run is recorded (so GET /imports/:id finds
 * it at once). A file the mapping does not match rejects here, before anything is recorded; a run
 * that fails later is recorded as failed by runImport.
 */
export async function startImportRun(ctx: Ctx, input: StartImportRunInput): Promise<{ runId: string }> {
  const runId = newId('imp');
  fs.mkdirSync(IMPORT_REPORTS_DIR, { recursive: true });
  const errors = csvErrorSink(path.join(IMPORT_REPORTS_DIR, `${runId}.csv`));
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const finished = runImport(ctx, {
    mapping: input.mapping, source: input.source, files: input.files, dryRun: input.dryRun, errors, runId,
    onStart: () => markStarted(),
    onProgress: (progress) => progressByRun.set(runId, progress),
    ...(input.resolveMerged ? { resolveMerged: input.resolveMerged } : {}),
  }).finally(() => progressByRun.delete(runId));
  // Nobody awaits a started run: its failure is recorded in import_runs and logged here.
  finished.catch((error: unknown) => ctx.log.warn({ err: error, runId }, 'import run failed'));
  // Whichever comes first: the run is recorded (answer now), or it failed before that (answer the error).
  await Promise.race([started, finished]);
  return { runId };
}

/** The error report of a background run, or null (a clean run, or a CLI run whose report lives elsewhere). */
export function findErrorReportFile(errorReport: string | null): string | null {
  if (errorReport === null) return null;
  const resolved = path.resolve(errorReport);
  if (path.dirname(resolved) !== IMPORT_REPORTS_DIR || !fs.existsSync(resolved)) return null;
  return resolved;
}
