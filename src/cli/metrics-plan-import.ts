import type { Command } from 'commander';
import { importSalesTargetsCsv, importSpendCsv, type PlanImportResult } from '../metrics/index.ts';
import type { Ctx } from '../shared/context.ts';
import { checkInputFile, namingFile, readInputFile } from './input-file.ts';

type Out = { out: NodeJS.WritableStream };
type WithDatabase = (work: (ctx: Ctx) => Promise<number>) => Promise<void>;
export type PlanImportKind = 'spend' | 'targets';
const COLUMNS: Record<PlanImportKind, string> = {
  spend: 'date,kind,category,amount,currency[,campaign_id]',
  targets: 'month,amount,currency[,breakdown,breakdown_value]',
};
const expectedFile = (kind: PlanImportKind) => `a CSV file with the header ${COLUMNS[kind]}`;

/** `revline metrics spend import <csv>` / `revline metrics targets import <csv>`: exit 1 when rows were rejected. */
export async function runPlanImport(ctx: Ctx, kind: PlanImportKind, file: string, options: { source?: string; json?: boolean } & Out): Promise<number> {
  const csv = readInputFile(file, expectedFile(kind));
  const importer = kind === 'spend' ? importSpendCsv : importSalesTargetsCsv;
  const result: PlanImportResult = await namingFile(file, importer(ctx, csv, { source: options.source ?? 'csv' }));
  if (options.json) options.out.write(`${JSON.stringify(result)}\n`);
  else {
    options.out.write(`${kind === 'spend' ? 'Spend' : 'Targets'} (${result.source}): ${result.rows} rows, ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged\n`);
    for (const cell of result.rejected) options.out.write(`  rejected line ${cell.line} ${cell.column}: ${cell.message}\n`);
  }
  return result.rejected.length === 0 ? 0 : 1;
}

/** Adds `spend import` and `targets import` under `revline metrics`. */
export function registerPlanImportCommands(metrics: Command, withDatabase: WithDatabase): void {
  const describe: Record<PlanImportKind, [string, string]> = {
    spend: ['sales and marketing spend for CAC (docs/metrics.md "Marketing")', `CSV: ${COLUMNS.spend}`],
    targets: ['monthly sales targets for pipeline coverage (docs/metrics.md "Pipeline")', `CSV: ${COLUMNS.targets}`],
  };
  for (const kind of ['spend', 'targets'] as const) {
    metrics.command(kind).description(describe[kind][0])
      .command('import').description(`import ${kind} from a CSV file; re-importing replaces amounts; exit 1 when rows were rejected`)
      .argument('<file>', describe[kind][1])
      .option('--source <name>', 'label stored with the rows', 'csv')
      .option('--json', 'print the result as JSON')
      .action((file: string, options: { source?: string; json?: boolean }) => {
        checkInputFile(file, expectedFile(kind));
        return withDatabase((ctx) => runPlanImport(ctx, kind, file, { ...options, out: process.stdout }));
      });
  }
}
