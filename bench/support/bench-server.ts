/**
 * The real Revline server for a bench, listening on loopback, on a database made for the
 * bench and removed afterwards: a PGlite data directory in os.tmpdir() (on disk, with the
 * durable fsync that production uses) or a new PostgreSQL database on the given server.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { buildServer } from '../../src/http/server.ts';
import { createApiKey } from '../../src/identity/index.ts';
import { SYSTEM_ACTOR } from '../../src/shared/access.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Ctx } from '../../src/shared/context.ts';
import { migrateToLatest } from '../../src/shared/db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../../src/shared/db/open-database.ts';
import { databaseUrlFor, dropDatabaseWhenIdle } from '../../test/support/postgres-admin.ts';

export type BenchBackend = { kind: 'pglite' } | { kind: 'postgres'; url: string; maxConnections?: number };

export type BenchServer = {
  baseUrl: string;
  /** An admin API key: send as `authorization: Bearer <apiKey>`. */
  apiKey: string;
  close(): Promise<void>;
};

const ADMIN_CONNECT_TIMEOUT_MS = 3_000;
const DROP_WAIT_MS = 5_000;

export async function startBenchServer(backend: BenchBackend): Promise<BenchServer> {
  const store = backend.kind === 'pglite' ? createPgliteDir() : await createPostgresDatabase(backend.url);
  const cleanups: Array<() => Promise<void>> = [store.remove];
  const close = async (): Promise<void> => {
    process.off('SIGINT', onInterrupt);
    // Last in, first out: the server before its database, the database before its storage.
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => console.error('bench cleanup failed:', error));
    }
  };
  // Ctrl-C during a bench still removes the temporary directory or database.
  const onInterrupt = (): void => void close().finally(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    const database: DatabaseHandle =
      backend.kind === 'pglite'
        ? await openDatabase({ kind: 'pglite', dataDir: store.location })
        : await openDatabase({ kind: 'postgres', url: store.location, ...(backend.maxConnections ? { maxConnections: backend.maxConnections } : {}) });
    cleanups.push(() => database.close());
    await migrateToLatest(database.db);
    const logger = pino({ level: 'silent' });
    const ctx: Ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: logger, requestId: null };
    const { secret } = await createApiKey(ctx, { name: 'bench', role: 'admin' });
    const app = await buildServer({
      database,
      clock: systemClock,
      config: { bodyLimitBytes: 1_048_576, secureCookies: 'auto', publicUrl: undefined },
      logger,
    });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}`, apiKey: secret, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** True when a PostgreSQL server answers at `url` (maintenance database `postgres`). */
export async function isPostgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrlFor(url, 'postgres'), connectionTimeoutMillis: ADMIN_CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Store = { location: string; remove(): Promise<void> };

function createPgliteDir(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-bench-'));
  return { location: dir, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function createPostgresDatabase(url: string): Promise<Store> {
  // A generated identifier (letters, digits, _), so it is safe to interpolate: DDL takes no parameters.
  const name = `revline_bench_${process.pid}_${Date.now()}`;
  await withAdminClient(url, (admin) => admin.query(`create database ${name}`));
  return { location: databaseUrlFor(url, name), remove: () => withAdminClient(url, (admin) => dropDatabase(admin, name)) };
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await dropDatabaseWhenIdle(admin, name, DROP_WAIT_MS);
}

async function withAdminClient<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlFor(url, 'postgres'), connectionTimeoutMillis: ADMIN_CONNECT_TIMEOUT_MS });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
