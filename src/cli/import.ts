import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  BUILT_IN_MAPPINGS, compileImportMapping, csvErrorSink, DEFAULT_BATCH_SIZE, diskFile, ImportInputError, isBuiltInSource, loadMappingFile, MappingError, parseMapping,
  runImport, type BuiltInSource, type CompiledMapping, type ImportProgress, type InputFile,
} from '../imports/index.ts';
import type { Ctx } from '../shared/context.ts';
import { resolveImportMerges } from '../quality/index.ts';
import { describeImport } from './import-summary.ts';
import { wholeNumberOption } from './whole-number-option.ts';

export type ImportOptions = { source?: string; mapping?: string; dryRun?: boolean; json?: boolean; errors?: string; batchSize?: number };
export type ImportIo = { out: NodeJS.WritableStream; err: NodeJS.WritableStream & { isTTY?: boolean } };
type Prepared = { mapping: CompiledMapping; source: string; files: InputFile[] };

/** Exit codes: 0 the run completed (rejected rows included), 1 it could not run, 2 the command was misused. */
export const EXIT = { completed: 0, couldNotRun: 1, usage: 2 } as const;

/** `revline import`, registered by main.ts with its withDatabase (the database opens only once the inputs check out). */
export function registerImportCommand(program: Command, withDatabase: (work: (ctx: Ctx) => Promise<number>) => Promise<void>): void {
  program
    .command('import')
    .description('import CSV/JSON files: --source salesforce|hubspot|stripe, or --mapping <mapping.json> (docs/imports.md)')
    .argument('<files...>', 'the files, in any order (they are imported in dependency order)')
    .option('--source <source>', 'a built-in format: salesforce, hubspot or stripe')
    .option('--mapping <file>', 'a mapping file, e.g. mappings/ravenstack-saas.json')
    .option('--dry-run', 'report what would be created, updated and rejected; write nothing')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--errors <file>', 'the error report (CSV) to write rejected rows to (default ./revline-import-errors-<timestamp>.csv)')
    .option('--batch-size <rows>', `rows per transaction (default ${DEFAULT_BATCH_SIZE})`, parseBatchSize)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? EXIT.completed : EXIT.usage))
    .action(async (files: string[], options: ImportOptions) => {
      const io: ImportIo = { out: process.stdout, err: process.stderr };
      const prepared = await prepareImport(files, options, io);
      if (typeof prepared === 'number') {
        process.exitCode = prepared;
        return;
      }
      await withDatabase((ctx) => runImportCommand(ctx, prepared, options, io));
    });
}

const parseBatchSize = wholeNumberOption(1, 10_000);

/** Checks the options, the mapping and the files before any database work; an exit code when they do not check out. */
export async function prepareImport(files: string[], options: ImportOptions, io: ImportIo): Promise<Prepared | number> {
  if ((options.source === undefined) === (options.mapping === undefined)) return fail(io, EXIT.usage, 'give exactly one of --source <salesforce|hubspot|stripe> and --mapping <file>');
  if (options.source !== undefined && !isBuiltInSource(options.source)) return fail(io, EXIT.usage, `unknown --source "${options.source}": use salesforce, hubspot or stripe`);
  if (files.length === 0) return fail(io, EXIT.usage, 'name at least one file');
  try {
    const inputs = files.map(diskFile);
    const mapping = options.source !== undefined ? parseMapping(BUILT_IN_MAPPINGS[options.source as BuiltInSource]) : await loadMappingFile(options.mapping ?? '');
    return { mapping: compileImportMapping(mapping), source: options.source ?? `mapping:${mapping.name}`, files: inputs };
  } catch (error) {
    if (error instanceof ImportInputError || error instanceof MappingError) return fail(io, EXIT.couldNotRun, error.message);
    throw error;
  }
}

/** The import itself, in an open database: progress on a terminal, the summary on stdout. */
export async function runImportCommand(ctx: Ctx, prepared: Prepared, options: ImportOptions, io: ImportIo): Promise<number> {
  const bar = io.err.isTTY === true ? progressBar(io.err, prepared.files) : null;
  try {
    const errorsPath = options.errors ?? path.resolve(`revline-import-errors-${timestamp(ctx)}.csv`);
    const summary = await runImport(ctx, {
      mapping: prepared.mapping, source: prepared.source, files: prepared.files,
      dryRun: options.dryRun === true, errors: csvErrorSink(errorsPath), resolveMerged: resolveImportMerges,
      ...(bar ? { onProgress: bar.update } : {}), ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    bar?.stop();
    io.out.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describeImport(summary));
    return EXIT.completed;
  } catch (error) {
    bar?.stop();
    if (error instanceof ImportInputError || error instanceof MappingError) return fail(io, EXIT.couldNotRun, error.message);
    throw error;
  }
}

function fail(io: ImportIo, code: number, message: string): number {
  io.err.write(`error: ${message}\n`);
  return code;
}

function timestamp(ctx: Ctx): string {
  return new Date(ctx.clock.now().epochMilliseconds).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** One bar over all the files' bytes; rows/s from the rows read so far. Terminal only: redirected stderr stays clean. */
function progressBar(stream: NodeJS.WritableStream, files: InputFile[]) {
  const totalBytes = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  const bar = new cliProgress.SingleBar(
    { stream, format: 'Importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {file}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const startedMs = performance.now();
  const doneBytes = new Map<string, number>();
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0, file: '' });
  return {
    update: (p: ImportProgress) => {
      if (!p.retrying) doneBytes.set(p.file, p.bytesRead);
      const position = [...doneBytes.values()].reduce((a, b) => a + b, 0);
      const seconds = (performance.now() - startedMs) / 1000;
      bar.update(position, { rows: p.rows, rate: seconds > 0 ? Math.round(p.rows / seconds) : 0, file: p.retrying ? 'retrying deferred rows' : p.file });
    },
    stop: () => bar.stop(),
  };
}
