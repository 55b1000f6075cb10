import type { Ctx } from '../../shared/context.ts';
import { memoryErrorSink, type RejectedRowError } from '../engine/error-sink.ts';
import { bufferFile, type InputFile } from '../engine/input-file.ts';
import { runImport, type ImportSummary } from '../engine/run-import.ts';
import { parseMapping } from '../mapping/load-mapping.ts';
import type { MappingInput } from '../mapping/schema.ts';
import { compileImportMapping } from '../prepare-import.ts';

export function csvFile(name: string, text: string): InputFile {
  return bufferFile(name, Buffer.from(text, 'utf8'));
}

/** A small generic mapping: accounts.csv (id, name, currency, parent) → accounts. */
export function accountMapping(overrides: Partial<MappingInput> = {}): MappingInput {
  return {
    name: 'test-accounts',
    description: 'accounts for engine tests',
    sourceSystem: 'testsrc',
    files: [
      {
        match: 'accounts*.csv',
        records: [{
          entity: 'account',
          externalId: 'id',
          fields: {
            name: 'name',
            currency: 'currency',
            parentAccountId: 'parent_id',
            customerSinceDate: { column: 'since', optional: true },
            'customFields.arr': { column: 'arr', type: 'decimal', optional: true },
          },
        }],
      },
    ],
    ...overrides,
  };
}

export type TestImportResult = { summary: ImportSummary; errors: RejectedRowError[] };

export async function importFiles(ctx: Ctx, mapping: MappingInput, files: InputFile[], options: { dryRun?: boolean; batchSize?: number } = {}): Promise<TestImportResult> {
  const errors = memoryErrorSink();
  const summary = await runImport(ctx, {
    mapping: compileImportMapping(parseMapping(mapping)),
    source: `mapping:${mapping.name}`,
    files,
    dryRun: options.dryRun ?? false,
    errors,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  return { summary, errors: errors.errors };
}

export async function countRows(ctx: Ctx, table: 'audit_log' | 'accounts' | 'import_keys'): Promise<number> {
  const row = await ctx.db.withTables<Record<string, Record<string, unknown>>>()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
