import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { servesManySessions } from '../../shared/db/connections.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { invoicingDb } from './tables.ts';

// Two-int4 advisory keys (class, hashtext(run id)); the class keeps them apart from the outbox's (0x0b0c)
// and from single-bigint keys (Kysely's migration lock).
const RUN_LOCK_CLASS = 0x0b11;

/**
 * Runs `work` holding a session advisory lock named after the run: the run's sign of life
 * (docs/billing.md "Interrupted runs"). The database drops a session's locks when the session ends —
 * at the latest when its process dies, whose sockets the kernel closes — so a 'running' row whose
 * lock nobody holds belongs to a run that is gone. The lock is taken before the row is inserted, so
 * no one ever sees a live run's row without it.
 */
export async function holdRunLock<T>(ctx: Ctx, runId: string, work: () => Promise<T>): Promise<T> {
  // In a caller's transaction the row commits with the run, finished: no one ever sees it running.
  if (ctx.db.isTransaction) return work();
  // PGlite: the process's one session (reserving Kysely's only connection would block the run's own queries).
  if (!servesManySessions(ctx.db)) return withLock(ctx, ctx.db, runId, work);
  // PostgreSQL: a connection of its own for the run's life — a pool connection left idle is closed after
  // a while, and its lock with it, while the run goes on.
  return ctx.db.connection().execute((db) => withLock(ctx, db, runId, work));
}

async function withLock<T>(ctx: Ctx, db: Kysely<SharedTables>, runId: string, work: () => Promise<T>): Promise<T> {
  await sql`select pg_advisory_lock(${RUN_LOCK_CLASS}::int4, hashtext(${runId}))`.execute(db);
  try {
    return await work();
  } finally {
    // A lock left behind (the unlock failing) only keeps a finished row's lock until the session ends: harmless.
    await sql`select pg_advisory_unlock(${RUN_LOCK_CLASS}::int4, hashtext(${runId}))`.execute(db)
      .catch((error: unknown) => ctx.log.warn({ err: error, runId }, 'billing run: could not release the run lock'));
  }
}

/**
 * Marks 'interrupted' every 'running' row whose run holds no lock in this database: its process is gone.
 * A live run (any process, any connection, this session included) holds its lock, so it is never
 * marked. A run that finishes meanwhile is not marked either: its 'completed' update commits before
 * it releases the lock, and the update here re-reads a row changed under it (read committed).
 * A hash collision between two runs' ids can only make a dead run look alive (left for a later run).
 */
export async function markInterruptedRuns(ctx: Ctx): Promise<string[]> {
  const rows = await invoicingDb(ctx).updateTable('billing_runs').set({ status: 'interrupted' })
    .where('status', '=', 'running')
    .where(({ not, exists }) => not(exists(sql`(select 1 from pg_locks as l
      where l.locktype = 'advisory' and l.granted and l.objsubid = 2
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${RUN_LOCK_CLASS}::int4::oid and l.objid = hashtext(billing_runs.id)::oid)`)))
    .returning('id').execute();
  return rows.map((row) => row.id);
}

/** A run that failed (an error, not a row error) stops here: its row says so at once. */
export async function markRunInterrupted(ctx: Ctx, runId: string): Promise<void> {
  await invoicingDb(ctx).updateTable('billing_runs').set({ status: 'interrupted' }).where('id', '=', runId).where('status', '=', 'running').execute();
}
