/**
 * Import throughput on a generated generic CSV of accounts (id, name, currency, country,
 * customer-since date, an amount as a custom field), streamed to a temporary file, on PGlite (an
 * on-disk data directory with durable fsync, as in production) and on PostgreSQL when one is
 * configured (BENCH_DATABASE_URL, DATABASE_URL) or answers at the default local address.
 *
 * Two figures per backend and size:
 * - engine: read, parse, map, validate, resolve keys and register them in import_keys, with a
 *   target that writes no account — the engine's own cost, BENCH_IMPORT_ROWS rows (default 1,000,000)
 *   and a tenth of that;
 * - accounts: the same writing real accounts through crm's importAccounts (the bulk door: the
 *   same rules and one audit entry per account, a few statements per 1000-row batch, one
 *   transaction per batch), BENCH_IMPORT_WRITE_ROWS rows (default 100,000, so that the whole bench
 *   stays within the runner's BENCH_TIMEOUT_MS) and a tenth of that. The acceptance run is
 *   BENCH_IMPORT_WRITE_ROWS=1000000 BENCH_TIMEOUT_MS=3600000 npm run bench -- import.
 * BENCH_IMPORT_BACKENDS=postgres (or pglite) measures one backend only.
 * Besides rows/s: the Node.js CPU time per row and, on a local PostgreSQL, the CPU time of the
 * server processes serving the bench database per row (read from /proc, see postgres-cpu.ts) —
 * both steadier than rows/s on a shared machine, and together the bound on rows/s per core.
 * Peak RSS and heap are sampled every 50 ms during each import, the live heap (after a forced
 * collection, whose cost is left out of the other figures) every 5 s: the two sizes show whether memory
 * depends on the file size. PGlite's WASM heap counts in its process's RSS; PostgreSQL's does not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import pino from 'pino';
import { compileImportMapping, diskFile, memoryErrorSink, parseMapping, runImport, type MappingInput } from '../src/imports/index.ts';
import { SYSTEM_ACTOR } from '../src/shared/access.ts';
import { systemClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { openDatabase, redactUrl } from '../src/shared/db/open-database.ts';
import { databaseUrlFor, dropDatabaseWhenIdle } from '../test/support/postgres-admin.ts';
import { isPostgresReachable } from './support/bench-server.ts';
import { postgresBackendCpuSeconds } from './support/postgres-cpu.ts';
import { reportFigure, reportNote } from './support/report.ts';

const ENGINE_ROWS = readPositiveInt('BENCH_IMPORT_ROWS', 1_000_000);
const WRITE_ROWS = readPositiveInt('BENCH_IMPORT_WRITE_ROWS', 100_000);
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLE_MS = 50;

const MAPPING: MappingInput = {
  name: 'bench-accounts',
  description: 'generated accounts for the import bench',
  sourceSystem: 'bench',
  files: [{
    match: 'accounts-*.csv',
    records: [{ entity: 'account', externalId: 'id', fields: {
      name: 'name', currency: 'currency', country: 'country', customerSinceDate: 'since',
      'customFields.arr': { column: 'arr', type: 'decimal' },
    } }],
  }],
};

function readPositiveInt(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return parsed;
}

/** Streams the CSV to disk (it is never held in memory, whatever its size). */
async function writeCsv(file: string, rows: number, tag: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const countries = ['DE', 'US', 'GB', 'FR', 'IT'];
  if (!out.write('id,name,currency,country,since,arr\n')) await once(out, 'drain');
  for (let i = 0; i < rows; i += 1) {
    const line = `${tag}-${i},"Account ${i}, ${tag}",EUR,${countries[i % 5]},2024-${String((i % 12) + 1).padStart(2, '0')}-15,${i % 100000}.${String(i % 100).padStart(2, '0')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

type Peak = { rssBytes: number; heapBytes: number; liveHeapBytes: number };
/** What the live-heap samples themselves cost (forced full collections): taken out of the figures. */
type SamplerCost = { cpuMicros: number; wallMs: number };

// The heap in use includes garbage not yet collected, which grows with the allocation rate, not
// the file size; the live heap (right after a forced collection) is what the import holds on to.
// A forced full collection of a ~60 MiB heap costs tens of milliseconds: taken every second it
// was a sizeable share of the Node.js CPU per row, so it is taken every 5 s and its own CPU and
// wall time are left out of rows/s and CPU per row.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const LIVE_SAMPLE_MS = 5000;

function sampleMemory(): { cost: SamplerCost; stop(): Peak } {
  const peak: Peak = { rssBytes: 0, heapBytes: 0, liveHeapBytes: 0 };
  const cost: SamplerCost = { cpuMicros: 0, wallMs: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rssBytes = Math.max(peak.rssBytes, usage.rss);
    peak.heapBytes = Math.max(peak.heapBytes, usage.heapUsed);
  };
  const sampleLive = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    collectGarbage();
    peak.liveHeapBytes = Math.max(peak.liveHeapBytes, process.memoryUsage().heapUsed);
    const used = process.cpuUsage(cpu);
    cost.cpuMicros += used.user + used.system;
    cost.wallMs += performance.now() - started;
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const liveTimer = setInterval(sampleLive, LIVE_SAMPLE_MS);
  return { cost, stop: () => { clearInterval(timer); clearInterval(liveTimer); sample(); sampleLive(); return peak; } };
}

/** A target that writes nothing: what is left is the engine's cost (its own import_keys rows included). */
function engineOnlyMapping() {
  const compiled = compileImportMapping(parseMapping(MAPPING));
  let next = 0;
  for (const file of compiled.files) {
    for (const record of file.records) {
      record.adapter = {
        ...record.adapter,
        create: async () => ({ id: `acct_bench${(next += 1)}`, merged: false }),
        update: async () => 'unchanged',
        writeMany: async (_tx, items) => items.map(({ existingId }) => (existingId === undefined
          ? { id: `acct_bench${(next += 1)}`, outcome: 'created' as const }
          : { id: existingId, outcome: 'unchanged' as const })),
      };
    }
  }
  return compiled;
}

type Backend = { label: 'pglite' | 'postgres'; open(): Promise<{ ctx: Ctx; close(): Promise<void> }> };

async function measure(backend: Backend, kind: 'engine' | 'accounts', rows: number, dir: string): Promise<void> {
  const file = path.join(dir, `accounts-${kind}-${rows}.csv`);
  await writeCsv(file, rows, `${kind}${rows}`);
  const { ctx, close } = await backend.open();
  try {
    const memory = sampleMemory();
    const serverBefore = backend.label === 'postgres' ? await postgresBackendCpuSeconds(ctx.db) : null;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const errors = memoryErrorSink(10);
    const summary = await runImport(ctx, {
      mapping: kind === 'engine' ? engineOnlyMapping() : compileImportMapping(parseMapping(MAPPING)),
      source: 'bench', files: [diskFile(file)], dryRun: false, errors,
    });
    const seconds = (performance.now() - started - memory.cost.wallMs) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMicros = cpu.user + cpu.system - memory.cost.cpuMicros;
    // Read while the pool's connections are still open: their backends' CPU is the database's share.
    const serverAfter = serverBefore === null ? null : await postgresBackendCpuSeconds(ctx.db);
    const peak = memory.stop();
    reportNote(`${kind} ${backend.label} ${rows} rows: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (summary.totals.created !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(summary.totals)}: ${JSON.stringify(errors.errors)}`);
    if (kind === 'accounts') await expectAuditedAccounts(ctx, rows);
    const name = `import.${kind}.${backend.label}.${rows}`;
    reportFigure(`${name}.throughput`, rows / seconds, 'rows/s', { rows });
    // CPU time of this process per row: steadier than rows/s on a shared machine (the database's own CPU is not in it).
    reportFigure(`${name}.node_cpu_per_row`, cpuMicros / rows, 'µs', { rows });
    if (serverBefore !== null && serverAfter !== null) reportFigure(`${name}.postgres_cpu_per_row`, ((serverAfter - serverBefore) * 1e6) / rows, 'µs', { rows });
    reportFigure(`${name}.peak_rss`, peak.rssBytes / 2 ** 20, 'MiB', { rows });
    reportFigure(`${name}.peak_heap`, peak.heapBytes / 2 ** 20, 'MiB', { rows });
    reportFigure(`${name}.peak_live_heap`, peak.liveHeapBytes / 2 ** 20, 'MiB', { rows });
  } finally {
    await close();
    fs.rmSync(file, { force: true });
  }
}

/** The figure counts only if every account written has its audit entry (after the timing, so it costs nothing). */
async function expectAuditedAccounts(ctx: Ctx, rows: number): Promise<void> {
  const audited = await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('entity_type', '=', 'account').where('action', '=', 'create').executeTakeFirstOrThrow();
  if (audited.n !== BigInt(rows)) throw new Error(`expected ${rows} account audit entries, found ${audited.n}`);
}

function pgliteBackend(): Backend {
  return {
    label: 'pglite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-bench-import-'));
      const database = await openDatabase({ kind: 'pglite', dataDir: dir });
      await migrateToLatest(database.db);
      const ctx: Ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
      return { ctx, close: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  };
}

function postgresBackend(url: string): Backend {
  const at = (database: string) => databaseUrlFor(url, database);
  return {
    label: 'postgres',
    open: async () => {
      const name = `revline_bench_import_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: at('postgres') });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const database = await openDatabase({ kind: 'postgres', url: at(name) });
      await migrateToLatest(database.db);
      const ctx: Ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
      return {
        ctx,
        close: async () => {
          await database.close();
          await dropDatabaseWhenIdle(admin, name);
          await admin.end();
        },
      };
    },
  };
}

/** BENCH_IMPORT_BACKENDS=postgres (or pglite): one backend only, e.g. while iterating on one. */
function wanted(label: Backend['label']): boolean {
  const list = process.env['BENCH_IMPORT_BACKENDS'];
  return list === undefined || list === '' || list.split(',').map((b) => b.trim()).includes(label);
}

async function main(): Promise<void> {
  const url = process.env['BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? DEFAULT_POSTGRES_URL;
  const backends = wanted('pglite') ? [pgliteBackend()] : [];
  if (!wanted('postgres')) reportNote('PostgreSQL left out (BENCH_IMPORT_BACKENDS)');
  else if (await isPostgresReachable(url)) backends.push(postgresBackend(url));
  else reportNote(`PostgreSQL not reachable at ${redactUrl(url)}: PGlite only`);
  reportNote(`engine rows ${ENGINE_ROWS} and ${Math.max(1, Math.floor(ENGINE_ROWS / 10))}; account rows ${WRITE_ROWS} and ${Math.max(1, Math.floor(WRITE_ROWS / 10))}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-bench-csv-'));
  try {
    for (const backend of backends) {
      for (const rows of [Math.max(1, Math.floor(ENGINE_ROWS / 10)), ENGINE_ROWS]) await measure(backend, 'engine', rows, dir);
      for (const rows of [Math.max(1, Math.floor(WRITE_ROWS / 10)), WRITE_ROWS]) await measure(backend, 'accounts', rows, dir);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
