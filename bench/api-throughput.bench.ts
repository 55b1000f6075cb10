/**
 * API throughput for a create-and-read of a simple record, over real HTTP on loopback:
 * POST the record (with an Idempotency-Key, as clients are told to), then GET it by id.
 * One "pair" is those two requests. Runs on PGlite always and on PostgreSQL when one is
 * configured (BENCH_DATABASE_URL, DATABASE_URL) or answers at the default local address.
 *
 * The load generator shares the server's process (and event loop): figures are for
 * comparing commits and backends on one machine, not a capacity estimate.
 */
import { randomUUID } from 'node:crypto';
import { isPostgresReachable, startBenchServer, type BenchBackend } from './support/bench-server.ts';
import { redactUrl } from '../src/shared/db/open-database.ts';
import { measureLoad, reportFigure, reportNote, type LoadOperation } from './support/report.ts';

/** Keeps emails and idempotency keys unique when benches share a PostgreSQL server. */
const RUN_TAG = randomUUID().slice(0, 8);

type RecordType = {
  /** The figure names' second part: api.<name>.… */
  name: string;
  collectionPath: string;
  /** `tag` is unique within the run (phase and operation index). */
  makeBody(tag: string): Record<string, unknown>;
};

const ACCOUNTS: RecordType = {
  name: 'accounts',
  collectionPath: '/api/v1/accounts',
  makeBody: (tag) => ({ name: `Bench Account ${tag}`, currency: 'EUR', country: 'DE' }),
};

/** The stand-in used before the accounts API existed; kept so the harness can be checked on identity alone. */
const USERS: RecordType = {
  name: 'users',
  collectionPath: '/api/v1/users',
  makeBody: (tag) => ({ email: `bench-${RUN_TAG}-${tag}@example.com`, displayName: `Bench User ${tag}`, role: 'viewer' }),
};

const RECORD: RecordType = ACCOUNTS;

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_MS = readPositiveInt('BENCH_DURATION_MS', 10_000);
const WARMUP_MS = readPositiveInt('BENCH_WARMUP_MS', Math.min(2_000, DURATION_MS));
const REQUEST_TIMEOUT_MS = 30_000;
// PGlite is one connection: more clients only queue; PostgreSQL gets a pool's worth of work.
const CONCURRENCY = { pglite: 4, postgres: 16 } as const;

type Client = { baseUrl: string; apiKey: string };

class BenchHttpError extends Error {}

async function requestJson(client: Client, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${client.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${client.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  // Any non-2xx aborts the bench: throughput of failing requests measures nothing.
  if (response.status < 200 || response.status > 299) {
    throw new BenchHttpError(`${method} ${path} → ${response.status}\n${text}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

async function createAndRead(client: Client, phase: string, operation: LoadOperation): Promise<void> {
  const tag = `${phase}-${operation.index}`;
  const headers = { 'idempotency-key': `bench-${RUN_TAG}-${tag}` };
  const created = await operation.time('create', () => requestJson(client, 'POST', RECORD.collectionPath, RECORD.makeBody(tag), headers));
  const id = created['id'];
  if (typeof id !== 'string') throw new BenchHttpError(`POST ${RECORD.collectionPath} returned no string id: ${JSON.stringify(created)}`);
  const read = await operation.time('read', () => requestJson(client, 'GET', `${RECORD.collectionPath}/${encodeURIComponent(id)}`));
  if (read['id'] !== id) throw new BenchHttpError(`GET ${RECORD.collectionPath}/${id} returned id ${JSON.stringify(read['id'])}`);
}

async function benchBackend(label: 'pglite' | 'postgres', backend: BenchBackend): Promise<number> {
  const concurrency = CONCURRENCY[label];
  const server = await startBenchServer(backend);
  try {
    const client = { baseUrl: server.baseUrl, apiKey: server.apiKey };
    await measureLoad({ concurrency, durationMs: WARMUP_MS, fn: (operation) => createAndRead(client, 'warmup', operation) });
    const result = await measureLoad({ concurrency, durationMs: DURATION_MS, fn: (operation) => createAndRead(client, 'load', operation) });
    const create = result.phases['create'];
    const read = result.phases['read'];
    if (!create || !read) throw new Error('the load recorded no create or read latencies');
    const prefix = `api.${RECORD.name}`;
    const extra = { backend: label, concurrency, pairs: result.operations, durationMs: Math.round(result.elapsedMs) };
    reportFigure(`${prefix}.create_read.${label}.throughput`, result.throughputPerSecond, 'pairs/s', extra);
    reportFigure(`${prefix}.create_read.${label}.request_throughput`, (2 * result.operations) / (result.elapsedMs / 1000), 'req/s', extra);
    reportFigure(`${prefix}.create.${label}.p50`, create.p50Ms, 'ms', extra);
    reportFigure(`${prefix}.create.${label}.p99`, create.p99Ms, 'ms', extra);
    reportFigure(`${prefix}.read.${label}.p50`, read.p50Ms, 'ms', extra);
    reportFigure(`${prefix}.read.${label}.p99`, read.p99Ms, 'ms', extra);
    // measureLoad rejects on the first failed request, so a reported run is always 0: recorded to show it was checked.
    reportFigure(`${prefix}.create_read.${label}.errors`, 0, 'count', extra);
    return result.throughputPerSecond;
  } finally {
    await server.close();
  }
}

async function findPostgresUrl(): Promise<string | null> {
  const configured = process.env['BENCH_DATABASE_URL'] || process.env['DATABASE_URL'];
  // A configured server must work; the default local one is optional.
  if (configured) return configured;
  if (await isPostgresReachable(DEFAULT_POSTGRES_URL)) return DEFAULT_POSTGRES_URL;
  reportNote(`postgres: skipped (no BENCH_DATABASE_URL or DATABASE_URL, nothing answers at ${DEFAULT_POSTGRES_URL})`);
  return null;
}

function readPositiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (ms), got ${JSON.stringify(raw)}`);
  return value;
}

reportNote(`api-throughput: ${RECORD.name} create+read pairs, warm-up ${WARMUP_MS} ms, load ${DURATION_MS} ms, concurrency pglite ${CONCURRENCY.pglite} / postgres ${CONCURRENCY.postgres}`);
const pgliteThroughput = await benchBackend('pglite', { kind: 'pglite' });
const postgresUrl = await findPostgresUrl();
if (postgresUrl) {
  reportNote(`postgres: ${redactUrl(postgresUrl)}`);
  const postgresThroughput = await benchBackend('postgres', { kind: 'postgres', url: postgresUrl });
  reportFigure(`api.${RECORD.name}.create_read.ratio.postgres_over_pglite.throughput`, postgresThroughput / pgliteThroughput, 'x');
}
