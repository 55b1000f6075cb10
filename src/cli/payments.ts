import type { Command } from 'commander';
import { arAging, arAgingToJson, configuredMailer, importStatement, runDunning, statementText, type ArAging, type StatementImportResult } from '../payments/index.ts';
import type { Config } from '../shared/config.ts';
import type { Ctx } from '../shared/context.ts';
import { formatMinor } from '../shared/money.ts';
import { agingRatesFromMetrics } from '../http/aging-rates.ts';
import { resolveReportingCurrency } from '../metrics/index.ts';
import { AppError } from '../shared/errors.ts';
import { CURRENCY_OPTION_HELP, withCompanyCurrencyHint } from './reporting-currency-option.ts';
import { withOptionNames } from './option-names.ts';
import { parseDateOption } from './date-option.ts';
import { checkInputFile, readInputFile } from './input-file.ts';

type WithDatabase = (work: (ctx: Ctx) => Promise<number>) => Promise<void>;
type Out = { out: NodeJS.WritableStream };
const json = (value: unknown) => `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`;

const STATEMENT_FILE = 'a bank or processor statement: a CSV with a header line (date, amount, currency, reference, …)';

/** `revline payments import <file.csv>`: exit 1 when a line was rejected (the others are recorded). */
export async function runPaymentsImport(ctx: Ctx, file: string, options: { dryRun?: boolean; json?: boolean; decimalComma?: boolean } & Out): Promise<number> {
  // The bank's download may be Windows-1252 (statementText).
  const csv = readInputFile(file, STATEMENT_FILE, statementText);
  const result = await importStatement(ctx, csv, { dryRun: options.dryRun === true, ...(options.decimalComma ? { decimalSeparator: ',' as const } : {}) });
  options.out.write(options.json ? json(result) : describeImport(result, file));
  return result.counts.error === 0 && result.headerErrors.length === 0 ? 0 : 1;
}

function describeImport(result: StatementImportResult, file: string): string {
  const lines = [`${result.dryRun ? 'Dry run — nothing saved. ' : ''}${result.counts.recorded + result.counts.would_record} payments ${result.dryRun ? 'would be recorded' : 'recorded'}, ${result.counts.duplicate} duplicates, ${result.counts.skipped} skipped, ${result.counts.error} errors`];
  for (const error of result.headerErrors) lines.push(`  header of ${file}: ${error.field}: ${error.message}`);
  for (const row of result.rows) {
    if (row.outcome === 'error') lines.push(`  line ${row.line}: ${row.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    else if (row.outcome === 'duplicate') lines.push(`  line ${row.line}: already imported`);
    else if (row.outcome === 'skipped') lines.push(`  line ${row.line}: skipped, ${row.skipReason === 'zero_amount' ? 'no money' : 'money going out (not a customer payment)'}`);
    else if (row.currency !== null && row.amountMinor !== null) {
      lines.push(`  line ${row.line}: ${formatMinor(row.amountMinor, row.currency)} ${row.currency} → ${row.allocations.length} invoice(s) ${formatMinor(row.appliedMinor, row.currency)}, credit ${formatMinor(row.unappliedMinor, row.currency)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `revline ar aging`: per customer and total, per currency, with unapplied credit notes and net AR;
 * also in the reporting currency: --currency, else the company's (none set, or --currency original:
 * document currency only).
 */
export async function runArAging(ctx: Ctx, options: { asOf?: string; currency?: string; documentCurrency?: string; json?: boolean } & Out): Promise<number> {
  const reporting = await resolveReportingCurrency(ctx, options.currency || undefined);
  const aging = await arAging(ctx, {
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(reporting.currency ? { currency: reporting.currency } : {}),
    ...(options.documentCurrency ? { documentCurrency: options.documentCurrency } : {}),
  }, { rates: agingRatesFromMetrics }).catch((error: unknown) => {
    throw withCompanyCurrencyHint(error instanceof AppError ? withOptionNames(error, AGING_OPTIONS) : error, reporting);
  });
  options.out.write(options.json ? json(arAgingToJson(aging)) : describeAging(aging));
  return 0;
}

const AGING_OPTIONS: Readonly<Record<string, string>> = { 'querystring.asOf': '--as-of', 'querystring.currency': '--currency', 'querystring.documentCurrency': '--document-currency' };

/** Buckets, then unapplied credit notes (negative, as they reduce AR) and net AR — the ledger's AR account. */
function describeAging(aging: ArAging): string {
  const header = ['customer', 'currency', 'current', '1-30', '31-60', '61-90', '>90', 'total', 'credits', 'net'];
  const row = (name: string, currency: string, b: ArAging['totals'][number]['buckets'], creditsMinor: bigint, netMinor: bigint) =>
    [name, currency, ...[b.current, b.days1To30, b.days31To60, b.days61To90, b.over90, b.totalMinor, -creditsMinor, netMinor].map((v) => formatMinor(v, currency))];
  const rows = [
    ...aging.customers.map((c) => row(c.accountName, c.currency, c.buckets, c.unappliedCreditsMinor, c.netMinor)),
    ...aging.totals.map((t) => row('TOTAL', t.currency, t.buckets, t.unappliedCreditsMinor, t.netMinor)),
  ];
  const reporting = aging.reportingCurrency;
  if (reporting) {
    rows.push(...aging.customers.flatMap((c) => (c.reportingBuckets
      ? [row(`${c.accountName} (${c.currency})`, reporting, c.reportingBuckets, c.reportingUnappliedCreditsMinor ?? 0n, c.reportingNetMinor ?? 0n)] : [])));
    if (aging.reportingTotal) rows.push(row('TOTAL', reporting, aging.reportingTotal, aging.reportingUnappliedCreditsMinor ?? 0n, aging.reportingNetMinor ?? 0n));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rates = aging.rates.map((rate) => `1 ${rate.currency} = ${rate.rate} ${reporting ?? ''} (${rate.rateDate})`).join(', ');
  const title = reporting ? `AR aging as of ${aging.asOfDate} (document currency, then ${reporting}${rates ? `: ${rates}` : ''})` : `AR aging as of ${aging.asOfDate} (document currency)`;
  const credits = aging.customers.flatMap((c) => c.credits.map((credit) => `  ${credit.number} ${c.accountName} ${credit.issueDate}: ${formatMinor(-credit.unappliedMinor, c.currency)} ${c.currency}`));
  const creditLines = credits.length > 0 ? `Unapplied credit notes (net = total − credits = the ledger's AR):\n${credits.join('\n')}\n` : '';
  return `${title}\n${[format(header), ...rows.map(format)].join('\n')}\n${creditLines}`;
}

/** `revline dunning run --date`: idempotent per (invoice, stage). */
export async function runDunningCommand(ctx: Ctx, config: Pick<Config, 'smtpUrl' | 'outboxDir' | 'mailFrom'>, options: { date?: string; json?: boolean } & Out): Promise<number> {
  const date = options.date ?? ctx.clock.today().toString();
  const result = await runDunning(ctx, { date, mailer: configuredMailer(config), mailFrom: config.mailFrom });
  if (options.json) options.out.write(json(result));
  else {
    options.out.write(`Dunning ${result.date}: ${result.actions.length} actions, ${result.holdsReleased.length} holds released\n`);
    for (const action of result.actions) options.out.write(`  ${action.number ?? action.invoiceId} ${action.stageCode ?? '-'}: ${action.outcome}${action.location ? ` (${action.location})` : ''}\n`);
  }
  return 0;
}

export function registerPaymentCommands(program: Command, withDatabase: WithDatabase, loadConfig: () => Config): void {
  const payments = program.command('payments').description('payments received and cash application');
  payments.command('import')
    .description('import a bank or processor statement (CSV: date, amount, currency, reference, account_id, method, transaction_id; docs/payments.md); exit 1 when a line was rejected')
    .argument('<file>', 'CSV file')
    .option('--dry-run', 'apply every line and roll it back; show what would happen')
    .option('--decimal-comma', 'amounts are written 1.234,56 (decimal comma) instead of 1,234.56')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { dryRun?: boolean; json?: boolean; decimalComma?: boolean }) => {
      checkInputFile(file, STATEMENT_FILE);
      return withDatabase((ctx) => runPaymentsImport(ctx, file, { ...options, out: process.stdout }));
    });
  program.command('ar').description('accounts receivable').command('aging')
    .description('AR aging per customer and total: current, 1–30, 31–60, 61–90, >90 days past due, unapplied credit notes and net AR')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)')
    .option('--currency <code>', `reporting currency: also convert every amount at the rate of the as-of date; ${CURRENCY_OPTION_HELP}`)
    .option('--document-currency <code>', 'only invoices in this currency')
    .option('--json', 'print the API JSON')
    .action((options: { asOf?: string; currency?: string; documentCurrency?: string; json?: boolean }) => withDatabase((ctx) => runArAging(ctx, { ...options, out: process.stdout })));
  program.command('dunning').description('payment reminders').command('run')
    .description('send the dunning notices due on a date (SMTP_URL, else .eml files in REVLINE_OUTBOX_DIR); safe to run twice')
    .option('--date <date>', 'YYYY-MM-DD (default today)', parseDateOption)
    .option('--json', 'print the result as JSON')
    .action((options: { date?: string; json?: boolean }) => withDatabase((ctx) => runDunningCommand(ctx, loadConfig(), { ...options, out: process.stdout })));
}
