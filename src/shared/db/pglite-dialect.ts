import { types, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery, PGliteDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings,
} from 'kysely';
import { textArrayLiteral } from './insert-unnest.ts';
import { readAnswer, simpleQueryMessages, statementMessages, type Column } from './pglite-wire.ts';

/**
 * Kysely over PGlite, one protocol round trip per statement. PGlite's own `query()` (which Kysely's
 * PGliteDialect calls) sends Parse, Describe, Bind, Describe, Execute and Sync as six separate calls
 * into the WebAssembly Postgres, each parsed back in JavaScript, to learn the parameters' types
 * first — about a third of the CPU of a statement. Here the messages go in one call, the parameters
 * are typed the way node-postgres types them on PostgreSQL (text, the server infers the type; the
 * same code runs on both, so it is the behaviour the application is written against), and a
 * statement text seen before skips Parse (named statements, see Session). The demo's
 * generation took 27 % less CPU with both (docs/architecture.md).
 *
 * One session serves everything: a transaction holds it from BEGIN to COMMIT/ROLLBACK, and a
 * statement outside it waits (as PGlite's `transaction()` did for Kysely's PGliteDialect).
 */
export class FastPGliteDialect extends PGliteDialect {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    super({ pglite });
    this.#pglite = pglite;
  }

  override createDriver(): Driver {
    return new FastPGliteDriver(this.#pglite);
  }
}

type Release = () => void;

/** A first-come lock on the one session. */
class SessionLock {
  #tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<Release> {
    let release!: Release;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    await previous;
    return release;
  }
}

/**
 * What belongs to the one session of a PGlite instance, shared by every Kysely made with this dialect
 * over it: the lock, and the statements parsed in it by SQL text (later runs skip Parse: Postgres'
 * parse and analysis), dropped when a statement may change what a cached one returns (DDL), and bounded.
 */
type Session = { pglite: PGlite; lock: SessionLock; statements: Map<string, string> };
const SESSIONS = new WeakMap<PGlite, Session>();

function sessionOf(pglite: PGlite): Session {
  let session = SESSIONS.get(pglite);
  if (!session) {
    session = { pglite, lock: new SessionLock(), statements: new Map() };
    SESSIONS.set(pglite, session);
  }
  return session;
}

class FastPGliteDriver implements Driver {
  readonly #session: Session;

  constructor(pglite: PGlite) {
    this.#session = sessionOf(pglite);
  }

  async init(): Promise<void> {
    await this.#session.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new FastPGliteConnection(this.#session);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as FastPGliteConnection).begin(settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as FastPGliteConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as FastPGliteConnection).end('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${identifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${identifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${identifier(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    if (!this.#session.pglite.closed) await this.#session.pglite.close();
  }
}

class FastPGliteConnection implements DatabaseConnection {
  readonly #session: Session;
  /** Held from BEGIN until COMMIT/ROLLBACK. */
  #transaction: Release | null = null;

  constructor(session: Session) {
    this.#session = session;
  }

  async begin(settings: TransactionSettings): Promise<void> {
    const release = await this.#session.lock.acquire();
    try {
      const modes = [settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : null, settings.accessMode ?? null].filter((mode) => mode !== null);
      await run(this.#session, modes.length > 0 ? `begin transaction ${modes.join(', ')}` : 'begin', [], false);
      this.#transaction = release;
    } catch (error) {
      release();
      throw error;
    }
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    const release = this.#transaction;
    this.#transaction = null;
    try {
      await run(this.#session, command, [], true);
    } finally {
      release?.();
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      if (this.#transaction) return await run<R>(this.#session, compiled.sql, compiled.parameters, false);
      const release = await this.#session.lock.acquire();
      try {
        return await run<R>(this.#session, compiled.sql, compiled.parameters, true);
      } finally {
        release();
      }
    } catch (error) {
      if (error instanceof Error) error.stack = `${error.stack ?? error.message}\n    at (query) ${compiled.sql.slice(0, 200)}`;
      throw error;
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.');
  }
}

const MAX_CACHED_STATEMENTS = 2_000;
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;
// Statements that cannot change a table's shape; anything else (DDL, DO blocks, a leading comment …)
// drops the cache, so a cached `select *` never meets "cached plan must not change result type".
const KEEPS_SCHEMA = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set|show|lock|deallocate|listen|notify)\b/i;
const DEALLOCATE_ALL = simpleQueryMessages('deallocate all');
let statementCounter = 0;

/** One statement: [Parse,] Bind, Describe, Execute, Sync in one call; the rows parsed with the instance's type parsers. */
async function run<R>(session: Session, text: string, parameters: readonly unknown[], syncToFs: boolean): Promise<QueryResult<R>> {
  const { pglite, statements } = session;
  const values = parameters.map(toParameter);
  const cached = statements.get(text);
  const name = cached ?? (CACHEABLE.test(text) && statements.size < MAX_CACHED_STATEMENTS ? `rl${(statementCounter += 1)}` : '');
  // A statement that fails on its first run may or may not have been parsed: its name is never reused.
  const answer = readAnswer(await roundTrip(pglite, statementMessages(name, cached === undefined ? text : null, values), syncToFs));
  if (cached === undefined && name !== '' && answer.error === undefined) statements.set(text, name);
  if (!KEEPS_SCHEMA.test(text) && statements.size > 0) {
    statements.clear();
    await roundTrip(pglite, DEALLOCATE_ALL, false);
  }
  if (answer.error) throw answer.error;
  const { columns } = answer;
  const parsers = columns.map((column) => parserFor(pglite, column.typeId));
  const rows = answer.rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i];
      row[(columns[i] as Column).name] = value === null || value === undefined ? null : (parsers[i] as (value: string) => unknown)(value);
    }
    return row as R;
  });
  const numAffectedRows = answer.commandTag === undefined ? undefined : affectedRows(answer.commandTag);
  return numAffectedRows === undefined ? { rows } : { rows, numAffectedRows };
}

/** Sends messages and gathers the raw answer (PGlite's own parser left out: see pglite-wire.ts). */
async function roundTrip(pglite: PGlite, message: Uint8Array, syncToFs: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // The chunk is a view of the WebAssembly memory, valid only during the call: copied.
  await pglite.execProtocolRawStream(message, { syncToFs, onRawData: (chunk) => { chunks.push(Buffer.from(chunk)); } });
  return chunks.length === 1 ? chunks[0] as Buffer : Buffer.concat(chunks);
}

function parserFor(pglite: PGlite, typeId: number): (value: string) => unknown {
  const parser = pglite.parsers[typeId] ?? types.parsers[typeId];
  return parser ? (value) => parser(value, typeId) : (value) => value;
}

/** "INSERT 0 3", "UPDATE 2", "DELETE 1", "MERGE 4": the rows written; nothing for other commands. */
function affectedRows(tag: string): bigint | undefined {
  const match = /^(?:INSERT \d+|UPDATE|DELETE|MERGE) (\d+)$/.exec(tag);
  return match ? BigInt(match[1] as string) : undefined;
}

/** As node-postgres sends a parameter (text; null as NULL), with bytea as hex and instants in UTC. */
function toParameter(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
}

/**
 * A Postgres array literal, every element quoted, as node-postgres writes it (textArrayLiteral); a
 * multi-dimensional array's inner arrays unquoted.
 */
function arrayLiteral(values: readonly unknown[]): string {
  if (!values.some(Array.isArray)) return textArrayLiteral(values, toParameter);
  const element = (value: unknown) => (Array.isArray(value) ? arrayLiteral(value) : textArrayLiteral([value], toParameter).slice(1, -1));
  return `{${values.map(element).join(',')}}`;
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
