import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { DEFAULT_CONCURRENCY, recognizeRevenue, runBilling, type BillingRunResult } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { registerCutOverCommand } from './billing-cut-over.ts';
import { wholeNumberOption } from './whole-number-option.ts';
import { parseDateOption } from './date-option.ts';

export type BillingIo = { out: NodeJS.WritableStream; err: NodeJS.WritableStream & { isTTY?: boolean } };
type RunOptions = { date: string; issue?: boolean; json?: boolean; concurrency?: number };

/** Exit codes: 0 every subscription billed, 1 some subscriptions failed (listed), 2 misuse. */
export const BILLING_EXIT = { completed: 0, rowErrors: 1, usage: 2 } as const;

/** `revline billing run|recognize|cut-over`, registered by main.ts. */
export function registerBillingCommand(program: Command, withDatabase: (work: (ctx: Ctx) => Promise<number>) => Promise<void>): void {
  const billing = program.command('billing').description('the billing engine (docs/billing.md)');
  billing
    .command('run')
    .description('bill every subscription through --date, exactly once (safe to rerun, also after a crash)')
    .requiredOption('--date <YYYY-MM-DD>', 'bill everything due up to and including this day', parseDateOption)
    .option('--issue', 'issue the drafts due by the date (gapless numbers, ledger entries)')
    .option('--concurrency <n>', `chunks of 1,000 subscriptions billed at once, each in its own transaction: 1–${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY} on PostgreSQL, 1 on the embedded database)`, parseConcurrency)
    .option('--json', 'print the result as JSON on stdout')
    .action(async (options: RunOptions) => withDatabase((ctx) => runBillingCommand(ctx, options, { out: process.stdout, err: process.stderr })));
  billing
    .command('recognize')
    .description('recognise deferred revenue ratably by day through --date (idempotent per line and day)')
    .requiredOption('--date <YYYY-MM-DD>', 'recognise through this day', parseDateOption)
    .option('--json', 'print the result as JSON on stdout')
    .action(async (options: { date: string; json?: boolean }) => withDatabase(async (ctx) => {
      const result = await recognizeRevenue(ctx, { date: options.date });
      process.stdout.write(options.json ? `${JSON.stringify(result, jsonBigInt, 2)}\n` : `Recognised ${result.entries} entries through ${options.date}\n`);
      return BILLING_EXIT.completed;
    }));
  registerCutOverCommand(billing, withDatabase, parseDateOption);
}

/** The connection pool has 10 connections; the run holds one for its lock and reads its pages on another. */
const MAX_CONCURRENCY = 8;

const parseConcurrency = wholeNumberOption(1, MAX_CONCURRENCY);

export async function runBillingCommand(ctx: Ctx, options: RunOptions, io: BillingIo): Promise<number> {
  const bar = io.err.isTTY === true ? progressBar(io.err) : null;
  try {
    const result = await runBilling(ctx, { date: options.date, issue: options.issue === true, ...(options.concurrency ? { concurrency: options.concurrency } : {}), ...(bar ? { onProgress: bar.update } : {}) });
    bar?.stop();
    io.out.write(options.json ? `${JSON.stringify(result, jsonBigInt, 2)}\n` : describeRun(result));
    return result.errors.length === 0 ? BILLING_EXIT.completed : BILLING_EXIT.rowErrors;
  } finally {
    bar?.stop();
  }
}

export function describeRun(result: BillingRunResult): string {
  const lines = [
    `Billing run ${result.runId} through ${result.date}${result.issue ? ' (issuing)' : ''}`,
    `  subscriptions: ${result.subscriptions}`,
    `  invoices drafted: ${result.invoicesDrafted}`,
    `  invoices issued: ${result.invoicesIssued}`,
    `  credit notes issued: ${result.creditNotesIssued}`,
    `  errors: ${result.errors.length}`,
    ...result.errors.map((error) => `    ${error.subscriptionId}: ${error.code} — ${error.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

function jsonBigInt(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Terminal only: redirected stderr stays clean. */
function progressBar(stream: NodeJS.WritableStream) {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'Billing [{bar}] {percentage}% | {value}/{total} subscriptions | {rate} subs/s', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const startedMs = performance.now();
  let started = false;
  return {
    update: (p: { done: number; total: number }) => {
      if (!started) {
        bar.start(Math.max(p.total, 1), 0, { rate: 0 });
        started = true;
      }
      const seconds = (performance.now() - startedMs) / 1000;
      bar.update(p.done, { rate: seconds > 0 ? Math.round(p.done / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
}
