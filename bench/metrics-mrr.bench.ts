/**
 * The metrics engine against its target (issue: "the 60-month MRR-movements report with one
 * segment breakdown for 100,000 customers / 1,000,000 subscription item versions in ≤ 500 ms
 * warm"). Two paths over the same synthetic book (src/metrics/test-fixtures/synthetic-book.ts):
 * 1. in memory: the book built straight into the columnar store, then the report timed warm;
 * 2. through the database: the book inserted with SQL into PGlite (and PostgreSQL when
 *    BENCH_DATABASE_URL or DATABASE_URL answers), loaded cold once, then the report timed warm
 *    through computeMetric — the data-version check included, as a request would pay it.
 * Scale with BENCH_METRICS_CUSTOMERS (default 100000; versions = 10 × customers).
 */
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildMatrix, bridgeMonths, computeMetric, getMrrStore, movementRows, readDataVersion, toReportRequest, type MovementRow } from '../src/metrics/index.ts';
import { insertSyntheticBook, syntheticStore } from '../src/metrics/test-fixtures/synthetic-book.ts';
import { SYSTEM_ACTOR } from '../src/shared/access.ts';
import { systemClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { openDatabase, redactUrl, type DatabaseHandle } from '../src/shared/db/open-database.ts';
import { isPostgresReachable } from './support/bench-server.ts';
import { percentile, reportFigure, reportNote } from './support/report.ts';

const CUSTOMERS = Number(process.env['BENCH_METRICS_CUSTOMERS'] ?? 100_000);
const TARGET_MS = 500;
const RUNS = 15;
const QUERY = { from: '2020-01', to: '2024-12', segment: 'segment' as const };

/** Wall time and this process's CPU time per run: on a shared, busy machine the CPU time is the stable figure. */
type Samples = { wallMs: number[]; cpuMs: number[] };

async function timeRuns(runs: number, work: () => unknown): Promise<Samples> {
  const samples: Samples = { wallMs: [], cpuMs: [] };
  for (let i = 0; i < runs; i += 1) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    samples.wallMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    samples.cpuMs.push((used.user + used.system) / 1000);
  }
  return samples;
}

function reportWarm(prefix: string, samples: Samples): void {
  const p50 = percentile(samples.wallMs, 50);
  const extra = { customers: CUSTOMERS, versions: CUSTOMERS * 10, runs: samples.wallMs.length, targetMs: TARGET_MS, loadAverage1m: os.loadavg()[0] ?? null };
  reportFigure(`${prefix}.warm_p50_ms`, p50, 'ms', extra);
  reportFigure(`${prefix}.warm_max_ms`, percentile(samples.wallMs, 100), 'ms', extra);
  reportFigure(`${prefix}.warm_cpu_p50_ms`, percentile(samples.cpuMs, 50), 'ms', extra);
  reportFigure(`${prefix}.warm_p50_over_target`, p50 / TARGET_MS, 'ratio', extra);
}

async function inMemory(): Promise<MovementRow[]> {
  const request = toReportRequest(QUERY);
  let started = performance.now();
  const store = syntheticStore(CUSTOMERS);
  reportNote(`metrics-mrr: ${store.spans.count} spans, ${store.accounts.ids.length} customers, ${store.subscriptions.ids.length} subscriptions, built in ${Math.round(performance.now() - started)} ms`);
  const report = () => movementRows(buildMatrix(store, bridgeMonths(request), request.breakdown, null), request);
  started = performance.now();
  const rows = report();
  reportFigure('metrics.mrr_movements_60m_by_segment.memory.first_ms', performance.now() - started, 'ms', { note: 'builds the row model once per store' });
  await timeRuns(3, report);
  reportWarm('metrics.mrr_movements_60m_by_segment.memory', await timeRuns(RUNS, report));
  return rows;
}

async function throughDatabase(label: string, database: DatabaseHandle, expected: MovementRow[]): Promise<void> {
  const ctx: Ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
  await migrateToLatest(database.db);
  let started = performance.now();
  await insertSyntheticBook(database.db, CUSTOMERS);
  reportNote(`metrics-mrr ${label}: book inserted in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  await getMrrStore(ctx);
  reportFigure(`metrics.mrr_store.${label}.cold_load_ms`, performance.now() - started, 'ms', { customers: CUSTOMERS });
  const rows = (await computeMetric(ctx, 'mrr-movements', QUERY)) as MovementRow[];
  // Guard: the database path must give exactly the in-memory figures, or its timing means nothing.
  if (JSON.stringify(rows) !== JSON.stringify(expected)) throw new Error(`${label}: the report differs from the in-memory one`);
  await timeRuns(3, () => computeMetric(ctx, 'mrr-movements', QUERY));
  reportWarm(`metrics.mrr_movements_60m_by_segment.${label}`, await timeRuns(RUNS, () => computeMetric(ctx, 'mrr-movements', QUERY)));
  const version = await timeRuns(RUNS, () => readDataVersion(ctx));
  reportFigure(`metrics.data_version_check.${label}.p50_ms`, percentile(version.wallMs, 50), 'ms', { customers: CUSTOMERS });
}

async function postgresUrl(): Promise<string | null> {
  const url = process.env['BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? null;
  return url && (await isPostgresReachable(url)) ? url : null;
}

async function withPostgresDatabase(url: string, work: (database: DatabaseHandle) => Promise<void>): Promise<void> {
  const name = `revline_bench_metrics_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 2 });
  try {
    await work(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

reportNote(`metrics-mrr: 60-month MRR movements by segment, ${CUSTOMERS} customers, target ${TARGET_MS} ms warm`);
const expected = await inMemory();
const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
try {
  await throughDatabase('pglite', pglite, expected);
} finally {
  await pglite.close();
}
const url = await postgresUrl();
if (url) await withPostgresDatabase(url, (database) => throughDatabase('postgres', database, expected));
else reportNote('metrics-mrr: no PostgreSQL configured or reachable; database path on PGlite only');
if (url) reportNote(`metrics-mrr: PostgreSQL at ${redactUrl(url)}`);
