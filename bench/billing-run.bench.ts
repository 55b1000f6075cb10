/**
 * Billing run throughput (issue #5: "billing run throughput (invoices/s) for 100,000 subscriptions
 * on PostgreSQL and PGlite; target ≥ 2,000 invoices/s on PostgreSQL"). Seeds N monthly subscriptions
 * (anniversary on Jan 1–28) with SQL, then times `runBilling --date 2026-01-31 --issue`: per invoice
 * one draft, one gapless number, one ledger entry, audit entries and an invoice.issued event, plus
 * the run's daily recognition pass (one more ledger entry per invoice); a chunk of subscriptions per
 * transaction (docs/billing.md "Billing run"). Besides invoices/s it reports what a loaded, shared
 * machine does not blur: statements per invoice and CPU milliseconds per invoice, of this process
 * and (PostgreSQL on this machine) of the server's backends, with the load average, and the garbage
 * collector's pauses (with the process's Node flags).
 * It runs as `revline billing run` does: the same defaults (concurrency, chunk, connection pool) and
 * the same Node flags (bin/node-flags.js, given to the bench's process by bin/run-bench.js).
 * Scale with BENCH_BILLING_SUBSCRIPTIONS (default 100000), BENCH_BILLING_CONCURRENCY (default: the
 * run's own, 4 on PostgreSQL), BENCH_BILLING_CHUNK (subscriptions per transaction, default 1000); BENCH_BILLING_ONLY=pglite|postgres
 * measures one backend.
 */
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { defaultConcurrency, runBilling } from '../src/billing/index.ts';
import { createAccount } from '../src/crm/index.ts';
import { SYSTEM_ACTOR } from '../src/shared/access.ts';
import { fixedClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { openDatabase, redactUrl, type DatabaseHandle } from '../src/shared/db/open-database.ts';
import { isPostgresReachable } from './support/bench-server.ts';
import fs from 'node:fs';
import { statementCounter } from './support/postgres-cpu.ts';
import { reportFigure, reportNote } from './support/report.ts';

const SUBSCRIPTIONS = Number(process.env['BENCH_BILLING_SUBSCRIPTIONS'] ?? 100_000);
const CONCURRENCY = process.env['BENCH_BILLING_CONCURRENCY'] ? Number(process.env['BENCH_BILLING_CONCURRENCY']) : undefined;
const CHUNK = Number(process.env['BENCH_BILLING_CHUNK'] ?? 1_000);
/** 'pglite' or 'postgres' to measure one backend only (a 100,000 run on a loaded machine takes minutes each). */
const ONLY = process.env['BENCH_BILLING_ONLY'] ?? null;
const TARGET_PER_S = 2_000;

async function seed(ctx: Ctx): Promise<void> {
  const account = await createAccount(ctx, { name: 'Bench customer', currency: 'USD' });
  await sql`insert into subscriptions (id, account_id, currency, status, start_date, billing_mode, billing_anchor_date, auto_renew, created_at, updated_at)
    select 'sub_bench_' || lpad(i::text, 8, '0'), ${account.id}, 'USD', 'active', date '2026-01-01' + (i % 28), 'anniversary', date '2026-01-01' + (i % 28), true, now(), now()
    from generate_series(1, ${SUBSCRIPTIONS}) as i`.execute(ctx.db);
  await sql`insert into subscription_items (subscription_id, currency, item_key, kind, quantity, unit_price_minor, discount_bps, billing_interval_months, timing, effective_from_date, created_at, updated_at)
    select 'sub_bench_' || lpad(i::text, 8, '0'), 'USD', 'seat', 'recurring', 1 + i % 5, 4900, 0, 1, 'in_advance', date '2026-01-01' + (i % 28), now(), now()
    from generate_series(1, ${SUBSCRIPTIONS}) as i`.execute(ctx.db);
}

async function measure(label: string, database: DatabaseHandle, chosen: number | undefined): Promise<void> {
  await migrateToLatest(database.db);
  const counter = statementCounter();
  const db = database.db.withPlugin(counter.plugin);
  const ctx: Ctx = { db, clock: fixedClock('2026-01-31T06:00:00Z'), actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
  const concurrency = chosen ?? defaultConcurrency(ctx);
  let started = performance.now();
  await seed(ctx);
  reportNote(`billing-run ${label}: seeded ${SUBSCRIPTIONS} subscriptions in ${Math.round(performance.now() - started)} ms`);
  const statementsBefore = counter.count();
  const serverCpu = database.kind === 'postgres' ? await sampleBackendCpu(database) : null;
  const gc = gcPauses();
  const cpuBefore = process.cpuUsage();
  started = performance.now();
  const result = await runBilling(ctx, { date: '2026-01-31', issue: true, concurrency, batchSize: CHUNK });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const gcMs = gc.stop();
  const serverSeconds = serverCpu ? await serverCpu.stop() : null;
  const statements = counter.count() - statementsBefore;
  if (result.errors.length > 0 || result.invoicesIssued !== SUBSCRIPTIONS) {
    throw new Error(`billing run ${label}: ${result.invoicesIssued} issued, ${result.errors.length} errors, first: ${JSON.stringify(result.errors[0])}`);
  }
  const extra = { subscriptions: SUBSCRIPTIONS, concurrency, chunk: CHUNK, seconds: Math.round(seconds * 10) / 10, targetPerS: TARGET_PER_S, loadavg1: os.loadavg()[0] ?? null };
  const invoices = result.invoicesIssued;
  reportFigure(`billing.run_issue.${label}.invoices_per_s`, invoices / seconds, 'invoices/s', extra);
  reportFigure(`billing.run_issue.${label}.statements_per_invoice`, statements / invoices, 'statements', extra);
  // PGlite runs inside this process: its CPU is in the client figure.
  reportFigure(`billing.run_issue.${label}.client_cpu_ms_per_invoice`, (cpu.user + cpu.system) / 1000 / invoices, 'ms', extra);
  // Garbage collection pauses of this process, with its Node flags (docs/billing.md "A larger young generation").
  reportFigure(`billing.run_issue.${label}.gc_pause_ms_per_invoice`, gcMs / invoices, 'ms', { ...extra, nodeFlags: process.execArgv.join(' ') });
  if (serverSeconds !== null) reportFigure(`billing.run_issue.${label}.server_cpu_ms_per_invoice`, (serverSeconds * 1000) / invoices, 'ms', extra);
  reportNote(`billing-run ${label}: ${invoices} invoices in ${seconds.toFixed(1)} s, ${statements} statements, loadavg ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  started = performance.now();
  const again = await runBilling(ctx, { date: '2026-01-31', issue: true, concurrency, batchSize: CHUNK });
  reportFigure(`billing.rerun_noop.${label}.subscriptions_per_s`, again.subscriptions / ((performance.now() - started) / 1000), 'subscriptions/s', extra);
  if (again.invoicesDrafted !== 0 || again.invoicesIssued !== 0) throw new Error(`billing rerun ${label}: billed again (${again.invoicesDrafted} drafted)`);
}

/** Sum of the garbage collector's pauses from now until stop(). */
function gcPauses(): { stop(): number } {
  let totalMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) totalMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      for (const entry of observer.takeRecords()) totalMs += entry.duration;
      observer.disconnect();
      return totalMs;
    },
  };
}

/**
 * Server CPU of the run: the database's backends sampled every 250 ms, each counted from its first
 * sample (or from zero when it started during the run) to its last. One reading at the end would miss
 * the pool connections closed meanwhile (idle for 10 s, e.g. during a recognition pass on one
 * connection) — with their whole share of the run.
 */
async function sampleBackendCpu(database: DatabaseHandle): Promise<{ stop(): Promise<number | null> }> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let unreadable = false;
  const read = async (starting: boolean) => {
    const result = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
    for (const { pid } of result.rows) {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        unreadable = starting ? true : unreadable;
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (!first.has(pid)) first.set(pid, starting ? seconds : 0);
      last.set(pid, seconds);
    }
  };
  await read(true);
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (!stopped) pending = pending.then(() => read(false)).catch(() => undefined);
  }, 250);
  return {
    stop: async () => {
      await pending;
      await read(false);
      stopped = true;
      clearInterval(timer);
      if (unreadable) return null;
      let total = 0;
      for (const [pid, seconds] of last) total += seconds - (first.get(pid) ?? 0);
      return total;
    },
  };
}

async function postgresUrl(): Promise<string | null> {
  const url = process.env['BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? null;
  return url && (await isPostgresReachable(url)) ? url : null;
}

reportNote(`billing-run: ${SUBSCRIPTIONS} subscriptions, one invoice each, draft + issue (number, ledger entry, audit, event) + recognition, ${CHUNK} subscriptions per transaction; target ${TARGET_PER_S} invoices/s on PostgreSQL`);
if (ONLY !== 'postgres') {
  const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await measure('pglite', pglite, CONCURRENCY);
  } finally {
    await pglite.close();
  }
}
const url = ONLY === 'pglite' ? null : await postgresUrl();
if (url) {
  const name = `revline_bench_billing_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), ...(CONCURRENCY ? { maxConnections: CONCURRENCY + 2 } : {}) });
  try {
    await measure('postgres', database, CONCURRENCY);
    reportNote(`billing-run: PostgreSQL at ${redactUrl(url)}`);
  } finally {
    await database.close();
    // Without (force): terminating a pool's idle client would surface as an unhandled pool error.
    await admin.query(`drop database if exists ${name}`).catch((error: unknown) => reportNote(`billing-run: could not drop ${name}: ${String(error)}`));
    await admin.end();
  }
} else {
  reportNote('billing-run: no PostgreSQL configured or reachable; PGlite only');
}
