import fs from 'node:fs';
import { Command } from 'commander';
import { AppError } from '../shared/errors.ts';
import { exitCodeOf } from './option-names.ts';
import { ConfigError, loadConfig } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { cliActor } from '../shared/access.ts';
import { systemClock } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { openConfiguredDatabase } from '../shared/db/open-configured-database.ts';
import { runServe } from './serve.ts';
import { runUserCreate } from './user-create.ts';
import { runAuditVerify } from './audit-verify.ts';
import { runDataQuality } from './data-quality.ts';
import { registerImportCommand } from './import.ts';
import { registerPaymentCommands } from './payments.ts';
import { registerUsageCommands } from './usage-events.ts';
import { registerBillingCommand } from './billing.ts';
import { FX_RATES_FILE, runFxImport, runMetrics, type MetricsCommandOptions } from './metrics.ts';
import { checkInputFile } from './input-file.ts';
import { registerPlanImportCommands } from './metrics-plan-import.ts';
import { CURRENCY_OPTION_HELP } from './reporting-currency-option.ts';
import { runCommissionStatement } from './commissions.ts';
import { registerAppSubscribers } from './background-work.ts';
import { registerDemoCommand } from './demo-command.ts';
import { wholeNumberOption } from './whole-number-option.ts';

const parsePort = wholeNumberOption(0, 65_535, 'a port number 0–65535');

/** Opens the configured database for one command, runs it, closes, and exits with its code. */
async function withDatabase(work: (ctx: Ctx) => Promise<number>): Promise<void> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries the command's answer (`--json` must stay parseable).
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, format: config.logFormat, stream: process.stderr });
  // Guard: an event's subscriber deliveries are fixed when it is published, so register before any write.
  registerAppSubscribers();
  const database = await openConfiguredDatabase(config);
  let code = 1;
  try {
    code = await work({ db: database.db, clock: systemClock, actor: cliActor(), log, requestId: null });
  } finally {
    await database.close();
  }
  process.exitCode = code;
}

const { version } = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = new Command('revline').description('Revline — revenue operations, product to cash').version(version).showHelpAfterError()
  // A bad option or argument is a usage error: exit code 2 (STYLE.md, docs/imports.md), as the commands' own checks do; help and --version exit 0.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program
  .command('serve')
  .description('start the server (embedded database in REVLINE_DATA_DIR, or PostgreSQL when DATABASE_URL is set)')
  .option('-p, --port <port>', 'port to listen on (default PORT or 3000)', parsePort)
  .option('-H, --host <host>', 'interface to listen on (default HOST or 127.0.0.1)')
  .action((options: { port?: number; host?: string }) => runServe(options));

registerDemoCommand(program, parsePort);

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    await withDatabase(async () => 0);
    process.stdout.write('Database is up to date.\n');
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a user (e.g. the first admin)')
  .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role>', 'admin, revops, sales_rep, sales_manager, finance, success or viewer')
  .option('--password <password>', 'password (≥ 12 characters); generated and printed once when omitted')
  .option('--locale <locale>', 'en, de, it or ru', 'en')
  .option('--team <teamId>', 'team id')
  .action((options: { email: string; name: string; role: string; password?: string; locale?: string; team?: string }) =>
    withDatabase((ctx) => runUserCreate(ctx, options, process.stdout)),
  );

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('recompute the hash chain and report the first tampered or missing entry')
  .option('--json', 'print the result as JSON')
  .action((options: { json?: boolean }) => withDatabase((ctx) => runAuditVerify(ctx, { json: options.json === true, out: process.stdout })));

registerImportCommand(program, withDatabase);
registerPaymentCommands(program, withDatabase, () => loadConfig());
registerBillingCommand(program, withDatabase);
registerUsageCommands(program, withDatabase);

program
  .command('data-quality')
  .description('report duplicates, missing fields, orphans, stale and inconsistent records')
  .option('--check <name>', 'list every record id this one check finds, one per line (the report shows the first ones)')
  .option('--json', 'print the report (or with --check the ids) as JSON')
  .action((options: { json?: boolean; check?: string }) => withDatabase((ctx) => runDataQuality(ctx, { json: options.json === true, out: process.stdout, ...(options.check !== undefined ? { check: options.check } : {}) })));

const metricsCommand = program
  .command('metrics')
  .description('compute a metric (docs/metrics.md); without a name, list the metrics')
  .argument('[name]', 'a metric name: revline metrics (without a name) lists them all')
  .option('--from <month>', 'first month, YYYY-MM')
  .option('--to <month>', 'last month (inclusive), YYYY-MM')
  .option('--interval <interval>', 'day, week, month, quarter, year or all (MRR metrics: month and longer)', 'month')
  .option('--by <breakdown>', 'segment, country, industry, plan or owner')
  .option('--currency <code>', `reporting currency (needs exchange rates: revline fx import); ${CURRENCY_OPTION_HELP}`)
  .option('--explain', 'add formula, settings and the contributing records')
  .option('--gross-margin <fraction>', 'gross margin for gross-margin-ltv and cac-payback-months, e.g. 0.8', '1')
  .option('--as-of <instant>', 'MRR metrics: the figure as reported at this instant (ISO 8601, e.g. 2024-03-31T23:59:59Z), beside its restatement now')
  .option('--json', 'print the API JSON')
  .action((name: string | undefined, options: MetricsCommandOptions) => withDatabase((ctx) => runMetrics(ctx, name, { ...options, out: process.stdout })));
registerPlanImportCommands(metricsCommand, withDatabase);

const fx = program.command('fx').description('exchange rates for reporting currencies');
fx
  .command('import')
  .description('import ECB-style reference rates (eurofxref-hist.csv); exit 1 when cells were rejected')
  .argument('<file>', 'CSV file: Date,USD,JPY,… one line per day')
  .option('--source <name>', 'label stored with the rates', 'ecb')
  .option('--base <code>', 'the currency the rates are quoted against', 'EUR')
  .option('--json', 'print the result as JSON')
  .action((file: string, options: { source?: string; base?: string; json?: boolean }) => {
    checkInputFile(file, FX_RATES_FILE);
    return withDatabase((ctx) => runFxImport(ctx, file, { ...options, out: process.stdout }));
  });

const commissions = program.command('commissions').description('sales commissions (comp plans, statements)');
commissions
  .command('statement')
  .description("a rep's commission statement for one month: accruals, clawbacks and totals")
  .requiredOption('--rep <userId>', 'the rep (user id)')
  .requiredOption('--period <month>', 'calendar month, YYYY-MM')
  .option('--json', 'print the API JSON')
  .action((options: { rep: string; period: string; json?: boolean }) => withDatabase((ctx) => runCommissionStatement(ctx, { ...options, out: process.stdout })));

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof AppError) {
    const detail = error.detail ?? error.message;
    // A detail made of the field errors (zod's) already says them: each is printed once.
    const fields = error.fieldErrors.filter((f) => !detail.includes(`${f.field}: ${f.message}`)).map((f) => `\n  ${f.field}: ${f.message}`).join('');
    process.stderr.write(`error: ${detail}${fields}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : exitCodeOf(error);
});
