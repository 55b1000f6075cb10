import type { Kysely } from 'kysely';

/**
 * Whether the database serves several sessions at once (PostgreSQL) or is one session in this
 * process (PGlite, the embedded default). Kysely's PGlite dialect says so through its adapter.
 */
export function servesManySessions(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.supportsMultipleConnections === true;
}
