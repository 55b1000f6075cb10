import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { adminUrl, databaseUrlFor, dropDatabaseWhenIdle } from '../../../test/support/postgres-admin.ts';
import { SYSTEM_ACTOR } from '../access.ts';
import { createFakeClock } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { openDatabase, type OpenDatabaseOptions } from '../db/open-database.ts';
import { dispatchDueDeliveries } from './dispatcher.ts';
import { createSubscriberRegistry } from './subscribers.ts';
import { CRASH_SUBSCRIBER, type CrashChildConfig } from './test-fixtures/crash-config.ts';
import { countEffects, recordingSubscriber } from './test-fixtures/recording-subscriber.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./test-fixtures/crash-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EVENTS = 20;
const KILL_AT = 7;
const LEASE_MS = 60_000;
const START = '2026-01-15T09:00:00Z';
// A child boots PGlite on disk and migrates before publishing: slow on a busy machine, so generous bounds.
const CHILD_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 150_000;

/** Runs the child until it is inside the KILL_AT-th handler's transaction, then SIGKILLs it. Returns that event's id. */
async function killChildMidDelivery(database: OpenDatabaseOptions): Promise<string> {
  const config: CrashChildConfig = { database, events: EVENTS, start: START, leaseMs: LEASE_MS, slowFrom: KILL_AT, slowDelayMs: 5_000 };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(config)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const applying: string[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const [word, eventId] = line.split(' ');
    if (word !== 'applying' || !eventId) return;
    applying.push(eventId);
    if (applying.length === KILL_AT) child.kill('SIGKILL');
  });
  const exit = await waitForExit(child, CHILD_TIMEOUT_MS);
  expect(exit, `child exited on its own; stderr:\n${stderr}`).toEqual({ code: null, signal: 'SIGKILL' });
  expect(applying).toHaveLength(KILL_AT);
  return applying[KILL_AT - 1]!;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crash child did not reach the kill point within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Reopens the crashed database, checks what survived, and dispatches to completion on a clock past the lease. */
async function recoverAndVerify(database: OpenDatabaseOptions, inFlightEventId: string): Promise<void> {
  const handle = await openDatabase(database);
  try {
    const clock = createFakeClock(START);
    const ctx: Ctx = { db: handle.db, clock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
    const registry = createSubscriberRegistry();
    registry.register(recordingSubscriber({ name: CRASH_SUBSCRIBER, eventTypes: ['crash.*'] }));
    const deliveries = () => handle.db.selectFrom('event_deliveries').selectAll().orderBy('id').execute();

    const before = await deliveries();
    expect(before).toHaveLength(EVENTS);
    const deliveredBefore = before.filter((d) => d.status === 'delivered').length;
    expect(deliveredBefore).toBe(KILL_AT - 1);
    // The killed handler's transaction never committed: its effect is gone and its row still leased by the dead process.
    const inFlight = before.find((d) => d.event_id === inFlightEventId);
    expect(inFlight).toMatchObject({ status: 'pending', attempts: 0 });
    expect(inFlight?.locked_until?.getTime()).toBe(Date.parse(START) + LEASE_MS);
    expect((await countEffects(handle.db)).get(`${CRASH_SUBSCRIBER}:${inFlightEventId}`)).toBeUndefined();

    // While the lease holds, the in-flight row is not taken; past it, everything left is delivered.
    for (let pass = 0; pass < 10 && (await dispatchDueDeliveries(ctx, { registry })).claimed > 0; pass += 1);
    expect((await deliveries()).find((d) => d.event_id === inFlightEventId)?.status).toBe('pending');
    clock.advance({ milliseconds: LEASE_MS + 1_000 });
    for (let pass = 0; pass < 10 && (await dispatchDueDeliveries(ctx, { registry })).claimed > 0; pass += 1);

    const after = await deliveries();
    expect(after.map((d) => d.status)).toEqual(Array.from({ length: EVENTS }, () => 'delivered'));
    const effects = await countEffects(handle.db);
    expect(effects.size).toBe(EVENTS);
    expect(after.map((d) => effects.get(`${CRASH_SUBSCRIBER}:${d.event_id}`))).toEqual(Array.from({ length: EVENTS }, () => 1));
  } finally {
    await handle.close();
  }
}

describe('crash recovery', () => {
  it('PGlite on disk: a SIGKILL mid-delivery loses nothing and applies nothing twice', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-crash-'));
    try {
      const inFlight = await killChildMidDelivery({ kind: 'pglite', dataDir });
      await recoverAndVerify({ kind: 'pglite', dataDir }, inFlight);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, TEST_TIMEOUT_MS);

  const url = process.env['DATABASE_URL'];
  it.runIf(url !== undefined)('PostgreSQL: a SIGKILL mid-delivery loses nothing and applies nothing twice', async () => {
    const name = `revline_crash_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl(url!) });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
      const database: OpenDatabaseOptions = { kind: 'postgres', url: databaseUrlFor(url!, name), maxConnections: 3 };
      const inFlight = await killChildMidDelivery(database);
      await recoverAndVerify(database, inFlight);
    } finally {
      await dropDatabaseWhenIdle(admin, name);
      await admin.end();
    }
  }, TEST_TIMEOUT_MS);
});
