import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../../test/support/shared-data.ts';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import type { Ctx } from '../../shared/context.ts';
import { memoryErrorSink, type RejectedRowError } from '../engine/error-sink.ts';
import { diskFile } from '../engine/input-file.ts';
import { runImport, type ImportSummary } from '../engine/run-import.ts';
import { loadMappingFile } from '../mapping/load-mapping.ts';
import { compileImportMapping } from '../prepare-import.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** shared/ sits beside the project, locally and in CI. */
export const SHARED_DATA = SHARED_DATA_DIR;
export const MAPPINGS = path.join(PROJECT_ROOT, 'mappings');

export type DataSetRun = { summary: ImportSummary; errors: RejectedRowError[] };

/** Imports every file of a shared data set with its shipped mapping, as `revline import --mapping` would. */
export async function importDataSet(ctx: Ctx, set: string, options: { dryRun?: boolean } = {}): Promise<DataSetRun> {
  const dir = path.join(SHARED_DATA, set);
  const files = fs.readdirSync(dir).filter((f) => /\.(csv|json)$/i.test(f)).sort().map((f) => diskFile(path.join(dir, f)));
  const errors = memoryErrorSink(100_000);
  const mapping = compileImportMapping(await loadMappingFile(path.join(MAPPINGS, `${set}.json`)));
  const summary = await runImport(ctx, { mapping, source: `mapping:${set}`, files, dryRun: options.dryRun ?? false, errors });
  return { summary, errors: errors.errors };
}

/** Data rows of a CSV file counted by csv-parse directly (not by the engine's reader): the ground truth for accounting. */
export function countDataRows(file: string, delimiter = ','): number {
  const records = parse(fs.readFileSync(file), { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as unknown[];
  return records.length - 1;
}

/** Every input row is accounted for: per file, created + updated + unchanged + merged + rejected = data rows. */
export function expectEveryRowAccountedFor(run: DataSetRun, set: string, delimiter = ','): void {
  for (const file of run.summary.files) {
    const rows = countDataRows(path.join(SHARED_DATA, set, file.file), delimiter);
    expect({ file: file.file, rows: file.rows }).toEqual({ file: file.file, rows });
    expect(file.created + file.updated + file.unchanged + file.merged + file.rejected).toBe(rows);
  }
  const rejectedLines = new Set(run.errors.map((e) => `${e.file}:${e.line}`));
  expect(rejectedLines.size).toBe(run.summary.totals.rejected);
  for (const error of run.errors) expect(error.reason).not.toBe('');
}

/** A second import of the same files: nothing created or updated, the same rows rejected. */
export function expectNoOp(first: DataSetRun, second: DataSetRun): void {
  for (const [i, file] of second.summary.files.entries()) {
    const before = first.summary.files[i]!;
    expect({ file: file.file, created: file.created, updated: file.updated, rejected: file.rejected })
      .toEqual({ file: before.file, created: 0, updated: 0, rejected: before.rejected });
  }
}

/**
 * The standard test of a shared data set: import everything, account for every row, import
 * again as a no-op; `check` adds assertions about what the data became.
 */
export function describeDataSet(set: string, options: { delimiter?: string; check?: (t: TestContext, run: DataSetRun) => Promise<void> } = {}): void {
  describe(`shared data set ${set}`, () => {
    let t: TestContext;
    let first: DataSetRun;
    beforeAll(async () => {
      t = await createTestContext();
      first = await importDataSet(t.ctx, set);
    }, 600_000);
    afterAll(() => t?.close());

    it('accounts for every row of every file (imported, merged or rejected with a reason)', () => {
      expectEveryRowAccountedFor(first, set, options.delimiter);
    });

    if (options.check) it('imports what the data says', () => options.check!(t, first));

    it('imports a second time as a no-op', async () => {
      const audit = await countAuditRows(t);
      const second = await importDataSet(t.ctx, set);
      expectNoOp(first, second);
      expect(await countAuditRows(t)).toBe(audit);
    }, 600_000);
  });
}

async function countAuditRows(t: TestContext): Promise<number> {
  const row = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
