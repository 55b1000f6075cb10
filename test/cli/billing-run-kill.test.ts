import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createAccount } from '../../src/crm/index.ts';
import { trialBalance } from '../../src/ledger/index.ts';
import { SYSTEM_ACTOR } from '../../src/shared/access.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Ctx } from '../../src/shared/context.ts';
import { migrateToLatest } from '../../src/shared/db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../../src/shared/db/open-database.ts';
import type { SharedTables } from '../../src/shared/db/tables.ts';
import { adminUrl, databaseUrlFor, dropDatabaseWhenIdle } from '../support/postgres-admin.ts';

/**
 * Issue #5: "running the billing run … after a kill at a random point produces the same invoices,
 * numbers without gaps, and a trial balance that balances". Here the kill is real: `revline billing
 * run --issue` runs in a child process on a database on disk (PGlite in a directory, or a PostgreSQL
 * database when DATABASE_URL is set) and gets SIGKILL at a random moment — mid-chunk, between chunks,
 * while issuing — twice; a third run finishes the job. The result must equal an uninterrupted run on
 * a second database seeded the same way (the same command, not killed), and the audit chain must verify.
 */
const BIN = path.resolve(import.meta.dirname, '../../bin/revline.js');
// Two chunks of the run (1,000 subscriptions each by default): kills land in a chunk, between them, or in recognition.
const SUBSCRIPTIONS = 1_500;
const BILLING_DATE = '2026-03-01';
const KILLS = 2;
const postgresUrl = process.env['DATABASE_URL'];
const dirs: string[] = [];
let targetCount = 0;
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** `released`: no process of the killed command is still on the database (see waitUntilReleased). */
type Target = { env: NodeJS.ProcessEnv; open(): Promise<DatabaseHandle>; released(): Promise<boolean>; drop(): Promise<void> };

/** Where the killed runs write, seeded: the database the child process opens through its environment. */
async function createTarget(): Promise<Target> {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  const templateDb = inject('postgresTemplateDb');
  if (postgresUrl && templateDb) {
    targetCount += 1;
    const name = `revline_kill_${process.pid}_${targetCount}`;
    const admin = new pg.Client({ connectionString: adminUrl(postgresUrl) });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDb}`);
    const url = databaseUrlFor(postgresUrl, name);
    const handle = await openDatabase({ kind: 'postgres', url, maxConnections: 2 });
    await seed(ctxOf(handle.db));
    await handle.close();
    return {
      env: { ...base, DATABASE_URL: url },
      open: () => openDatabase({ kind: 'postgres', url, maxConnections: 2 }),
      released: async () => (await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name])).rows[0]?.n === 0,
      drop: async () => {
        await dropDatabaseWhenIdle(admin, name);
        await admin.end();
      },
    };
  }
  seededDataDir ??= await createSeededDataDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-kill-'));
  dirs.push(dataDir);
  fs.cpSync(seededDataDir, dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...base, REVLINE_DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  return { env, open: () => openDatabase({ kind: 'pglite', dataDir }), released: async () => !isAlive(lockOwner(dataDir)), drop: async () => {} };
}

/**
 * A PGlite directory migrated and seeded once per file (migrating on disk, fsync on, takes ~10 s),
 * closed cleanly; every target is a copy of it, so the reference and the killed runs start from the
 * same bytes. No command ever runs on this directory itself.
 */
let seededDataDir: string | null = null;
async function createSeededDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-kill-seeded-'));
  dirs.push(dataDir);
  const handle = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrateToLatest(handle.db);
    await seed(ctxOf(handle.db));
  } finally {
    await handle.close();
  }
  return dataDir;
}

function ctxOf(db: Kysely<SharedTables>): Ctx {
  return { db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
}

/** Monthly and quarterly subscriptions, in advance and in arrears, calendar and anniversary, fixed ids. */
async function seed(ctx: Ctx): Promise<void> {
  const account = await createAccount(ctx, { name: 'Kill test customer', currency: 'EUR' });
  await sql`insert into subscriptions (id, account_id, currency, status, start_date, billing_mode, billing_anchor_date, auto_renew, created_at, updated_at)
    select 'sub_kill_' || lpad(i::text, 6, '0'), ${account.id}, 'EUR', 'active', date '2026-01-01' + (i % 40),
      case when i % 2 = 0 then 'calendar' else 'anniversary' end,
      case when i % 2 = 0 then date '2026-01-01' else date '2026-01-01' + (i % 40) end, true, now(), now()
    from generate_series(1, ${SUBSCRIPTIONS}) as i`.execute(ctx.db);
  await sql`insert into subscription_items (subscription_id, currency, item_key, kind, quantity, unit_price_minor, discount_bps, billing_interval_months, timing, effective_from_date, created_at, updated_at)
    select 'sub_kill_' || lpad(i::text, 6, '0'), 'EUR', 'seat', 'recurring', 1 + i % 7, 1999 + i % 13, (i % 4) * 250,
      case when i % 5 = 0 then 3 else 1 end, case when i % 3 = 0 then 'in_arrears' else 'in_advance' end, date '2026-01-01' + (i % 40), now(), now()
    from generate_series(1, ${SUBSCRIPTIONS}) as i`.execute(ctx.db);
}

async function outcome(ctx: Ctx) {
  const invoices = await sql<{ subscription_id: string; billing_date: string; billing_sequence: number; total_minor: bigint; status: string }>`
    select subscription_id, billing_date, billing_sequence, total_minor, status from invoices
    order by subscription_id, billing_date, billing_sequence`.execute(ctx.db);
  const numbers = await sql<{ number: string }>`select number from invoices where number like 'INV-%' order by number`.execute(ctx.db);
  const entries = await sql<{ entries: number }>`select count(*)::int as entries from journal_entries`.execute(ctx.db);
  const balance = await trialBalance(ctx, { asOfDate: BILLING_DATE });
  return {
    invoices: invoices.rows,
    numbers: numbers.rows.map((row) => row.number),
    journalEntries: entries.rows[0]?.entries,
    balance: balance.totals.map((total) => ({ currency: total.debit.currency, debit: total.debit.amountMinor, credit: total.credit.amountMinor })),
  };
}

type Child = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; runMs: number | null };

/** The run's first log record, written once its row is committed: from here on, a kill is mid-run. */
const RUN_STARTED = '"msg":"billing run: started"';

/**
 * Runs the billing run in a child process. With `killAfterMs`, SIGKILL comes that long after the run
 * logged that it started (its row committed): a kill during start-up would test nothing, and how long
 * start-up takes on a shared machine is anybody's guess. `runMs`: from that record to the exit.
 */
function runChild(env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'billing', 'run', '--date', BILLING_DATE, '--issue', '--json'], {
      env: { ...env, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' },
    });
    let stdout = '';
    let stderr = '';
    let startedMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (startedMs !== null || !stderr.includes(RUN_STARTED)) return;
      startedMs = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, runMs: startedMs === null ? null : performance.now() - startedMs });
    });
  });
}

/**
 * Runs that started (their row is committed first) and never finished: each is a run killed mid-way,
 * 'running' until the next run starts and marks it 'interrupted' (docs/billing.md "Interrupted runs").
 */
async function countUnfinishedRuns(target: Target): Promise<number> {
  const counts = await countRunsByStatus(target);
  return (counts['running'] ?? 0) + (counts['interrupted'] ?? 0);
}

async function countRunsByStatus(target: Target): Promise<Record<string, number>> {
  const handle = await target.open();
  try {
    const rows = await sql<{ status: string; n: number }>`select status, count(*)::int as n from billing_runs group by status`.execute(handle.db);
    return Object.fromEntries(rows.rows.map((row) => [row.status, row.n]));
  } finally {
    await handle.close();
  }
}

describe('the billing run killed with SIGKILL', { timeout: 600_000 }, () => {
  it('twice at random moments, then rerun, ends exactly like an uninterrupted run', async () => {
    const targets: Target[] = [];
    const fresh = async () => {
      const target = await createTarget();
      targets.push(target);
      return target;
    };
    try {
      // The uninterrupted run: the same command on a database seeded the same way; the time from its
      // "started" record to its exit sets the window the kills fall in.
      const reference = await fresh();
      const uninterrupted = await runChild(reference.env, null);
      expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
      expect(uninterrupted.runMs, 'the run logs that it started').not.toBeNull();
      const runMs = uninterrupted.runMs ?? 0;
      const expected = await readOutcome(reference);
      expect(expected.invoices.length).toBeGreaterThan(SUBSCRIPTIONS);

      const seedText = Number(process.env['REVLINE_KILL_SEED'] ?? Date.now() % 100_000);
      const random = mulberry32(seedText);
      let target = await fresh();
      let killedMidway = 0;
      let windowEnd = 0.9;
      for (let attempt = 0; attempt < 8 && killedMidway < KILLS; attempt += 1) {
        const killAfterMs = Math.round((0.05 + random() * (windowEnd - 0.05)) * runMs);
        const child = await runChild(target.env, killAfterMs);
        if (child.signal === 'SIGKILL') await waitUntilReleased(target);
        else expect(child.code, child.stderr).toBe(0);
        // Finished before the kill (a faster moment of a shared machine), or killed while it closed
        // the database after committing its 'completed' row: this attempt tested nothing.
        if (child.signal !== 'SIGKILL' || ((await countRunsByStatus(target))['completed'] ?? 0) > 0) {
          if (killedMidway > 0) break;
          // Start over on a fresh database with an earlier window.
          windowEnd *= 0.6;
          target = await fresh();
          continue;
        }
        // Every kill came after the run's row was committed: each leaves one unfinished run.
        expect(await countUnfinishedRuns(target)).toBe(killedMidway + 1);
        killedMidway += 1;
      }
      expect(killedMidway, `runs killed mid-way; kill seed ${seedText} (REVLINE_KILL_SEED reproduces it)`).toBeGreaterThan(0);

      const finish = await runChild(target.env, null);
      expect(finish.code, finish.stderr).toBe(0);
      expect(JSON.parse(finish.stdout)).toMatchObject({ errors: [] });
      // Every killed run's row now says so; none is left 'running'.
      const statuses = await countRunsByStatus(target);
      expect(statuses['running'] ?? 0).toBe(0);
      expect(statuses['interrupted']).toBe(killedMidway);

      const actual = await readOutcome(target);
      expect(actual.invoices).toEqual(expected.invoices);
      expect(actual.numbers).toEqual(expected.numbers);
      expect(actual.numbers).toEqual(actual.numbers.map((_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`));
      expect(actual.journalEntries).toBe(expected.journalEntries);
      expect(actual.balance).toEqual(expected.balance);
      expect(actual.balance.every((row) => row.debit === row.credit)).toBe(true);
      const verified = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--json'], { env: target.env, encoding: 'utf8', timeout: 300_000 });
      expect(verified.status, verified.stderr).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    } finally {
      for (const target of targets) await target.drop();
    }
  });
});

async function readOutcome(target: Target) {
  const handle = await target.open();
  try {
    return await outcome(ctxOf(handle.db));
  } finally {
    await handle.close();
  }
}

/**
 * Until the killed command is gone from the database nothing else may open it (a PGlite directory is
 * single-process), and a run starting meanwhile could still see the killed run's lock held (a
 * PostgreSQL backend ends a moment after its client).
 */
async function waitUntilReleased(target: Target): Promise<void> {
  const deadlineMs = performance.now() + 60_000;
  while (!(await target.released())) {
    if (performance.now() > deadlineMs) throw new Error('the killed command still holds its database after 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The pid in the PGlite directory's lock file (src/shared/db/data-dir-lock.ts), or null. */
function lockOwner(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'revline.lock'), 'utf8').trim());
  } catch {
    return null;
  }
}

function isAlive(pid: number | null): boolean {
  if (pid === null || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    // A dead child nobody has reaped yet (an init that does not reap, in a container) is a zombie: gone.
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A small seeded generator: a failing kill moment can be replayed with REVLINE_KILL_SEED. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
