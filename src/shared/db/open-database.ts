import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DEFERRED_SYNC_START_PARAMS, DURABLE_START_PARAMS, DurableNodeFS } from './durable-node-fs.ts';
import { FastPGliteDialect } from './pglite-dialect.ts';
import type { SharedTables } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<SharedTables>;
  kind: DatabaseKind;
  /** Where the data lives: a directory (PGlite), ':memory:' or the URL without password. */
  location: string;
  /** The embedded engine, for dumps and tests; absent on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | {
      kind: 'pglite';
      dataDir: string | null;
      loadDataDir?: Blob;
      /** Extra initdb arguments for a new data directory (the tests' template uses a smaller WAL segment). */
      initDbArgs?: string[];
      /**
       * false: no fsync per commit, for a bulk write whose caller flushes the closed directory once
       * (syncDataDir) behind an unfinished-write marker (unfinished-write.ts). Default true.
       */
      fsync?: boolean;
    }
  | { kind: 'postgres'; url: string; maxConnections?: number };

// Type OIDs. int8 → bigint (money, counts); date → 'YYYY-MM-DD' string (calendar
// dates must never pass through a JS Date and a time zone); numeric → exact string.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

const pgliteParsers = {
  [INT8]: (value: string) => BigInt(value),
  [DATE]: (value: string) => value,
  [NUMERIC]: (value: string) => value,
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.kind === 'pglite' ? openPglite(options) : openPostgres(options);
}

async function openPglite(options: { dataDir: string | null; loadDataDir?: Blob; initDbArgs?: string[]; fsync?: boolean }): Promise<DatabaseHandle> {
  const { dataDir, loadDataDir, initDbArgs } = options;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({
    ...(dataDir ? { fs: new DurableNodeFS(dataDir) } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    ...(initDbArgs ? { initDbStartParams: initDbArgs } : {}),
    // Durability parameters only matter on disk (and an in-memory initdb hangs with them).
    ...(dataDir ? { startParams: options.fsync === false ? DEFERRED_SYNC_START_PARAMS : DURABLE_START_PARAMS } : {}),
    parsers: pgliteParsers,
  });
  await client.waitReady;
  const db = new Kysely<SharedTables>({ dialect: new FastPGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? ':memory:',
    pglite: client,
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}

function openPostgres(options: { url: string; maxConnections?: number }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (value: string) => BigInt(value);
        if (oid === DATE || oid === NUMERIC) return (value: string) => value;
        return pg.types.getTypeParser(oid, format ?? 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<SharedTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    location: redactUrl(options.url),
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
