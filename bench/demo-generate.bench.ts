/**
 * The demo company (issue #8: "the time from command to ready is printed and stays under 60 s for
 * the default size on PGlite"; "a --bulk mode for benchmark scale"). On in-memory PGlite, as
 * `revline demo` generates:
 * 1. the simulated history through the real flows (BENCH_DEMO_CUSTOMERS, default the CLI default,
 *    over BENCH_DEMO_MONTHS, default 36): wall and CPU time, SQL statements issued, and the time per
 *    kind of task (billing run, acceptance, …) — where the time goes, for tuning the default;
 * 2. the bulk book (BENCH_DEMO_BULK_CUSTOMERS, default 100,000 over 60 months): wall and CPU time,
 *    rows written, then the 60-month MRR-movements report computed on it once (cold).
 * Set BENCH_DEMO_BULK_CUSTOMERS=0 or BENCH_DEMO_CUSTOMERS=0 to skip a part.
 */
import os from 'node:os';
import { Kysely } from 'kysely';
import pino from 'pino';
import { registerAppSubscribers } from '../src/cli/background-work.ts';
import { DEMO_DEFAULTS } from '../src/cli/demo.ts';
import { generateBulkDemo, generateDemo } from '../src/demo/index.ts';
import { computeMetric } from '../src/metrics/index.ts';
import { SYSTEM_ACTOR } from '../src/shared/access.ts';
import { systemClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import type { SharedTables } from '../src/shared/db/tables.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { openDatabase } from '../src/shared/db/open-database.ts';
import { FastPGliteDialect } from '../src/shared/db/pglite-dialect.ts';
import { reportFigure, reportNote } from './support/report.ts';

const CUSTOMERS = Number(process.env['BENCH_DEMO_CUSTOMERS'] ?? DEMO_DEFAULTS.customers);
const MONTHS = Number(process.env['BENCH_DEMO_MONTHS'] ?? DEMO_DEFAULTS.months);
const BULK_CUSTOMERS = Number(process.env['BENCH_DEMO_BULK_CUSTOMERS'] ?? 100_000);
const LAST_DATE = '2026-11-30';

type Spent = { wallMs: number; cpuMs: number };
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; spent: Spent }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, spent: { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 } };
}

async function freshDatabase() {
  const { result: database, spent } = await measure(async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(handle.db);
    return handle;
  });
  reportFigure('demo.pglite_open_and_migrate_ms', spent.wallMs, 'ms', { cpuMs: Math.round(spent.cpuMs) });
  return database;
}

function ctxOf(db: Kysely<SharedTables>): Ctx {
  return { db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'warn' }), requestId: null };
}

async function simulated(): Promise<void> {
  const database = await freshDatabase();
  let statements = 0;
  // The same PGlite instance, counted: every statement the flows issue goes through this Kysely.
  const db = new Kysely<SharedTables>({ dialect: new FastPGliteDialect(database.pglite as NonNullable<typeof database.pglite>), log: () => { statements += 1; } });
  try {
    const { result: summary, spent } = await measure(() => generateDemo(ctxOf(db), { seed: DEMO_DEFAULTS.seed, customers: CUSTOMERS, months: MONTHS, lastDate: LAST_DATE, passwords: false, statementCount: () => statements }));
    const extra = { customers: CUSTOMERS, months: MONTHS, loadAverage1m: os.loadavg()[0] ?? null };
    reportFigure('demo.simulated.generate_wall_ms', spent.wallMs, 'ms', extra);
    reportFigure('demo.simulated.generate_cpu_ms', spent.cpuMs, 'ms', extra);
    reportFigure('demo.simulated.cpu_ms_per_customer', spent.cpuMs / Math.max(1, summary.counts.newCustomers), 'ms', extra);
    reportFigure('demo.simulated.sql_statements', statements, 'count', extra);
    reportFigure('demo.simulated.sql_statements_per_customer', statements / Math.max(1, summary.counts.newCustomers), 'count', extra);
    for (const task of summary.profile.slice(0, 12)) {
      reportFigure(`demo.simulated.task.${task.task}_ms`, task.ms, 'ms', { ...extra, count: task.count });
      reportFigure(`demo.simulated.task.${task.task}_statements`, task.statements, 'count', { ...extra, count: task.count });
    }
    reportNote(`demo simulated: ${JSON.stringify(summary.counts)}`);
  } finally {
    await database.close();
  }
}

async function bulk(): Promise<void> {
  const database = await freshDatabase();
  try {
    const ctx = ctxOf(database.db);
    const { result: summary, spent } = await measure(() => generateBulkDemo(ctx, { seed: DEMO_DEFAULTS.seed, customers: BULK_CUSTOMERS, months: DEMO_DEFAULTS.bulkMonths, lastDate: LAST_DATE, passwords: false }));
    const extra = { customers: BULK_CUSTOMERS, itemVersions: summary.counts.itemVersions, loadAverage1m: os.loadavg()[0] ?? null };
    reportFigure('demo.bulk.write_wall_ms', spent.wallMs, 'ms', extra);
    reportFigure('demo.bulk.write_cpu_ms', spent.cpuMs, 'ms', extra);
    reportFigure('demo.bulk.item_versions', summary.counts.itemVersions, 'count', extra);
    const { spent: report } = await measure(() => computeMetric(ctx, 'mrr-movements', { from: '2021-12', to: '2026-11', segment: 'segment' }));
    reportFigure('demo.bulk.mrr_movements_60m_by_segment_cold_ms', report.wallMs, 'ms', { ...extra, cpuMs: Math.round(report.cpuMs) });
  } finally {
    await database.close();
  }
}

registerAppSubscribers();
if (CUSTOMERS > 0) await simulated();
if (BULK_CUSTOMERS > 0) await bulk();
