import type { Command } from 'commander';
import { getCutOver, postOpeningBalances, setCutOver } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { formatMinor } from '../shared/money.ts';

export type CutOverIo = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
type CutOverOptions = { date?: string; json?: boolean };

/** Exit codes: 0 done, 1 refused (e.g. the cut-over can no longer move), as the other billing commands. */
const EXIT = { done: 0, refused: 1 } as const;

/**
 * `revline billing cut-over [--date YYYY-MM-DD]` and `revline billing cut-over opening-balances`:
 * the CLI doors of PUT /billing/cut-over (or GET without --date) and POST
 * /billing/cut-over/opening-balances (docs/billing.md "Imported subscriptions and cut-over").
 */
export function registerCutOverCommand(billing: Command, withDatabase: (work: (ctx: Ctx) => Promise<number>) => Promise<void>, parseDate: (value: string) => string): void {
  const cutOver = billing
    .command('cut-over')
    .description('show the cut-over from the old billing system, or set it with --date')
    .option('--date <YYYY-MM-DD>', 'the first day Revline bills imported subscriptions (the old system billed the days before)', parseDate)
    .option('--json', 'print the API JSON')
    .action(async (options: CutOverOptions) => withDatabase((ctx) => runCutOverCommand(ctx, options, { out: process.stdout, err: process.stderr })));
  cutOver
    .command('opening-balances')
    .description('post the open receivables of imported invoices to the ledger as of the cut-over (idempotent)')
    .option('--json', 'print the API JSON')
    .action(async (options: { json?: boolean }) => withDatabase((ctx) => runOpeningBalancesCommand(ctx, options, { out: process.stdout, err: process.stderr })));
}

export async function runCutOverCommand(ctx: Ctx, options: CutOverOptions, io: CutOverIo): Promise<number> {
  return refusalsAsExit(io, '--date', async () => {
    const result = options.date === undefined ? await getCutOver(ctx) : await setCutOver(ctx, { date: options.date });
    const text = result.date === null
      ? 'No cut-over date set: imported subscriptions bill in their source system.\n'
      : `Cut-over: ${result.date}${result.openingPosted ? ' (opening balances posted)' : ''}\n`;
    io.out.write(options.json ? `${JSON.stringify({ date: result.date, openingPosted: result.openingPosted })}\n` : text);
    return EXIT.done;
  });
}

export async function runOpeningBalancesCommand(ctx: Ctx, options: { json?: boolean }, io: CutOverIo): Promise<number> {
  return refusalsAsExit(io, null, async () => {
    const result = await postOpeningBalances(ctx);
    const entries = result.entries.map((entry) => ({
      journalEntryId: entry.journalEntryId, amount: { amountMinor: entry.amountMinor.toString(), currency: entry.currency }, invoices: entry.invoices,
    }));
    if (options.json) io.out.write(`${JSON.stringify({ cutOverDate: result.cutOverDate, entries })}\n`);
    else {
      io.out.write(`Opening balances as of ${result.cutOverDate}: ${entries.length === 0 ? 'nothing (new) to post' : `${entries.length} entries`}\n`);
      for (const entry of result.entries) io.out.write(`  ${entry.journalEntryId}: ${formatMinor(entry.amountMinor, entry.currency)} ${entry.currency} over ${entry.invoices} invoices\n`);
    }
    return EXIT.done;
  });
}

/** A refused request (a domain error) is one line naming the option, not a stack or an HTTP field name. */
async function refusalsAsExit(io: CutOverIo, option: string | null, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.err.write(`error: ${error.detail ?? error.message}${option !== null && error.fieldErrors.length > 0 ? ` (${option})` : ''}\n`);
    return EXIT.refused;
  }
}
