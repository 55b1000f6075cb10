import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPANY_NAME, DEMO_EMAIL_DOMAIN, demoLogins, generateBulkDemo, generateDemo, type BulkDemoSummary, type DemoSummary } from '../demo/index.ts';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import { systemClock } from '../shared/clock.ts';
import { loadConfig, type Config } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { lockDataDir } from '../shared/db/data-dir-lock.ts';
import { migrateToLatest } from '../shared/db/migrate.ts';
import { openConfiguredDatabase } from '../shared/db/open-configured-database.ts';
import { openDatabase, type DatabaseHandle } from '../shared/db/open-database.ts';
import { syncDataDir } from '../shared/db/sync-data-dir.ts';
import { isWriteUnfinished, markWriteFinished, markWriteUnfinished } from '../shared/db/unfinished-write.ts';
import { registerAppSubscribers } from './background-work.ts';
import { runServe } from './serve.ts';

export type DemoCommandOptions = {
  seed: number;
  customers: number;
  months: number;
  port?: number;
  host?: string;
  dataDir?: string;
  serve: boolean;
  reset?: boolean;
  /** Write the customer book directly with set-based SQL (benchmark scale), not through the flows. */
  bulk?: boolean;
  /** Build the web app if missing or stale (bin/build-web-if-stale.js), in a child process while the data is generated. */
  buildWeb?: boolean;
};

type AnySummary = { kind: 'simulated'; summary: DemoSummary } | { kind: 'bulk'; summary: BulkDemoSummary };

/** The defaults: sized so the demo is ready well within a minute on PGlite (measured; see the README). */
export const DEMO_DEFAULTS = { seed: 2026, customers: 200, months: 36, bulkMonths: 60 } as const;

type Out = { write(text: string): unknown };

/** Where the demo lives: --data-dir, else REVLINE_DATA_DIR when set, else ./.revline-demo (never your real ./.revline). */
export function demoDataDir(options: { dataDir?: string }, env: Record<string, string | undefined> = process.env): string {
  if (options.dataDir) return path.resolve(options.dataDir);
  if (env['REVLINE_DATA_DIR']) return path.resolve(env['REVLINE_DATA_DIR']);
  return path.resolve('.revline-demo');
}

/** What is in the database: nothing, a demo made earlier, or someone's real data (which the demo never touches). */
async function contentsOf(database: DatabaseHandle): Promise<'empty' | 'demo' | 'other'> {
  const users = await database.db.selectFrom('users').select('email').limit(50).execute();
  if (users.length > 0) return users.every((user) => user.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)) ? 'demo' : 'other';
  // No users is not yet empty: an import needs none. Any business record makes it someone's data.
  const db = database.db.withTables<Record<'accounts' | 'leads' | 'products' | 'subscriptions' | 'invoices' | 'journal_entries', { id: string }>>();
  for (const table of ['accounts', 'leads', 'products', 'subscriptions', 'invoices', 'journal_entries'] as const) {
    if (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) return 'other';
  }
  return 'empty';
}

function isPgliteDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * `revline demo`: generates Nordlicht Analytics into an empty database and serves it like
 * `revline serve`. On PGlite the history is written with fsync off and flushed once at the end
 * (generateOnPglite).
 */
/** `baseEnv`: the environment the configuration is read from (tests pass one without DATABASE_URL). */
export async function runDemo(options: DemoCommandOptions, out: Out = process.stdout, err: Out = process.stderr, baseEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const env = { ...baseEnv, REVLINE_DATA_DIR: demoDataDir(options, baseEnv) };
  const config = loadConfig(env);
  registerAppSubscribers();
  const state = await inspectTarget(config, options, err);
  if (state === 'refuse') return 2;
  const webBuilt = options.buildWeb ? buildWebInBackground(err) : Promise.resolve();
  let summary: AnySummary | null = null;
  const generateStartedMs = performance.now();
  if (state === 'generate') {
    err.write(`Generating ${COMPANY_NAME}${options.bulk ? ' (bulk: written directly, not through the flows)' : ''}: ${options.customers} customers, ${options.months} months, seed ${options.seed} …\n`);
    summary = config.databaseUrl ? await generateInto(config, options, err) : await generateOnPglite(config, options, err);
  } else {
    err.write(`${config.databaseUrl ? 'The database' : config.dataDir} already holds the demo company; serving it (--reset makes a new one).\n`);
  }
  const generatedS = (performance.now() - generateStartedMs) / 1000;
  if (summary) out.write(summary.kind === 'bulk' ? describeBulkSummary(summary.summary, generatedS) : describeSummary(summary.summary, generatedS));
  await webBuilt;
  if (!options.serve) return 0;
  process.env['REVLINE_DATA_DIR'] = config.dataDir;
  // The banner and the logins are what a newcomer reads: request logs only when asked for (LOG_LEVEL).
  const quiet = !baseEnv['LOG_LEVEL'];
  await runServe({ ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}), ...(quiet ? { logLevel: 'warn' as const } : {}) });
  out.write(describeLogins(summary?.summary ?? null));
  if (quiet) out.write('  Logs: warnings and errors only (LOG_LEVEL=info logs every request).\n');
  // From the command: performance.now() counts from this process's start, so module loading is included.
  const total = (performance.now() / 1000).toFixed(1);
  out.write(`  Demo ready in ${total} s from the command${summary ? ` (generation ${generatedS.toFixed(1)} s)` : ''}.\n\n`);
  return 0;
}

/**
 * The web build (a fresh clone has none) runs beside the generation, which keeps one core busy:
 * on two cores it costs the demo no time, and "ready in" covers it. A failed build is reported;
 * the API still serves.
 */
function buildWebInBackground(err: Out): Promise<void> {
  const script = fileURLToPath(new URL('../../bin/build-web-if-stale.js', import.meta.url));
  if (!fs.existsSync(script)) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', (error) => {
      err.write(`warning: the web app build could not start (${error.message}); the API still serves.\n`);
      resolve();
    });
    child.on('exit', (code) => {
      if (code !== 0) err.write(`warning: the web app build failed (exit ${code}); run npm run build:web to see why.\n`);
      resolve();
    });
  });
}

async function inspectTarget(config: Config, options: DemoCommandOptions, err: Out): Promise<'generate' | 'serve' | 'refuse'> {
  if (!config.databaseUrl && !fs.existsSync(config.dataDir)) return 'generate';
  if (!config.databaseUrl && isWriteUnfinished(config.dataDir)) {
    // Guard: only the demo writes with the marker, so this directory is an interrupted demo, nobody's data.
    // A generation still running holds the lock: lockDataDir refuses, naming its pid.
    lockDataDir(config.dataDir)();
    err.write(`${config.dataDir} holds a demo whose generation was cut off; writing it again.\n`);
    fs.rmSync(config.dataDir, { recursive: true, force: true });
    return 'generate';
  }
  if (!config.databaseUrl && fs.readdirSync(config.dataDir).length === 0) return 'generate';
  if (!config.databaseUrl && !isPgliteDir(config.dataDir)) {
    err.write(`error: ${config.dataDir} is not empty and is not a Revline database; the demo will not write there. Choose another --data-dir.\n`);
    return 'refuse';
  }
  const database = await openConfiguredDatabase(config);
  let contents: 'empty' | 'demo' | 'other';
  try {
    contents = await contentsOf(database);
  } finally {
    await database.close();
  }
  if (contents !== 'empty' && !options.reset) {
    if (contents === 'demo') return 'serve';
    err.write(`error: ${config.databaseUrl ? 'the database' : config.dataDir} holds data that is not the demo; the demo never writes into it. Use another --data-dir (or --reset to erase it).\n`);
    return 'refuse';
  }
  if (config.databaseUrl) {
    if (contents === 'empty') return 'generate';
    err.write('error: --reset does not drop a PostgreSQL database; create an empty one and point DATABASE_URL at it.\n');
    return 'refuse';
  }
  // The PGlite directory is replaced by the generated one (empty of data, or --reset). Guard: only
  // ever delete a directory that is a PGlite data directory (checked above).
  fs.rmSync(config.dataDir, { recursive: true, force: true });
  return 'generate';
}

/** The generation logs warnings only (LOG_LEVEL debug or trace shows more), on stderr beside its progress. */
function demoCtx(database: DatabaseHandle, config: Config) {
  const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
  return { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: createLogger({ level, format: config.logFormat, stream: process.stderr }), requestId: null };
}

function progress(err: Out) {
  const tty = 'isTTY' in err && err.isTTY === true;
  return ({ month, months, date }: { month: number; months: number; date: string }) => {
    const line = `  simulating ${date.slice(0, 7)} (${month + 1}/${months})`;
    err.write(tty ? `\r${line}` : month % 6 === 0 || month === months - 1 ? `${line}\n` : '');
    if (tty && month === months - 1) err.write('\n');
  };
}

async function generateWith(ctx: ReturnType<typeof demoCtx>, options: DemoCommandOptions, err: Out): Promise<AnySummary> {
  const common = { seed: options.seed, customers: options.customers, months: options.months };
  if (options.bulk) return { kind: 'bulk', summary: await generateBulkDemo(ctx, common) };
  return { kind: 'simulated', summary: await generateDemo(ctx, { ...common, onMonth: progress(err) }) };
}

/**
 * Generates straight into the data directory with fsync off (a commit per task would otherwise wait
 * for the disk thousands of times), behind an unfinished-write marker; closes the database cleanly,
 * flushes every file once, and only then removes the marker. A generation cut off by a crash or a
 * power loss leaves the marker: the next `revline demo` writes the directory again, and nothing serves it.
 */
async function generateOnPglite(config: Config, options: DemoCommandOptions, err: Out): Promise<AnySummary> {
  const unlock = lockDataDir(config.dataDir);
  try {
    markWriteUnfinished(config.dataDir);
    const database = await openDatabase({ kind: 'pglite', dataDir: config.dataDir, fsync: false });
    let summary: AnySummary;
    try {
      await migrateToLatest(database.db);
      summary = await generateWith(demoCtx(database, config), options, err);
    } finally {
      await database.close();
    }
    err.write(`  flushing the database to disk in ${config.dataDir} …\n`);
    syncDataDir(config.dataDir);
    markWriteFinished(config.dataDir);
    return summary;
  } finally {
    unlock();
  }
}

async function generateInto(config: Config, options: DemoCommandOptions, err: Out): Promise<AnySummary> {
  const database = await openConfiguredDatabase(config);
  try {
    return await generateWith(demoCtx(database, config), options, err);
  } finally {
    await database.close();
  }
}

function describeSummary(summary: DemoSummary, seconds: number): string {
  const c = summary.counts;
  return [
    '',
    `  ${COMPANY_NAME} — demo data ${summary.startDate} … ${summary.lastDate} (generated in ${seconds.toFixed(1)} s)`,
    `  ${c.leads} leads, ${c.opportunities} opportunities (${c.opportunitiesLost} lost), ${c.quotes} quotes (${c.quotesNeedingApproval} needed approval, ${c.quotesRejected} rejected, ${c.validationOverrides} finance overrides), ${c.quotesAccepted} accepted`,
    `  ${c.newCustomers} new customers, ${c.renewals} renewals, ${c.expansions} expansions, ${c.seatChanges} seat changes, ${c.cancellations} cancellations, ${c.churnedAtTermEnd} not renewed, ${c.reactivations} won back — ${summary.customersLive} live now`,
    `  ${c.billingRuns} billing runs, ${c.invoicesIssued} invoices, ${c.payments} payments, ${c.dunningNotices} dunning notices, ${c.writeOffs} write-offs, ${c.tickets} tickets`,
    '',
  ].join('\n');
}

function describeBulkSummary(summary: BulkDemoSummary, seconds: number): string {
  const c = summary.counts;
  return [
    '',
    `  ${COMPANY_NAME} — bulk demo data ${summary.startDate} … ${summary.lastDate} (written in ${seconds.toFixed(1)} s)`,
    `  ${c.accounts} accounts, ${c.subscriptions} subscriptions, ${c.itemVersions} subscription item versions — ${summary.customersLive} live now`,
    '  Written directly with set-based SQL (not through the flows): no leads, quotes, invoices, payments or ledger entries.',
    '',
  ].join('\n');
}

function describeLogins(summary: { logins: DemoSummary['logins'] } | null): string {
  const logins = summary?.logins ?? demoLogins();
  const rows = logins.map((login) => `    ${login.role.padEnd(14)} ${login.email.padEnd(44)} ${login.password ?? '(no password)'}`);
  return ['  DEMO users (demo credentials, for this demo database only):', ...rows, ''].join('\n');
}
