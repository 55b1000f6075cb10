import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { servesManySessions } from './connections.ts';

export type MaintenanceResult = { vacuumed: boolean; durationMs: number };

/**
 * PGlite runs Postgres in single-user mode, where autovacuum never runs: dead row versions from
 * updates and deletes (invoice status changes, outbox deliveries, billing runs) would pile up, the
 * planner would never get fresh statistics, and transaction ids would never be frozen. The daily
 * finance run calls this after its work: one `VACUUM (ANALYZE)`, which holds the embedded
 * database's one session while it runs. PostgreSQL's own autovacuum does this there (nothing to do).
 */
export async function maintainEmbeddedDatabase(ctx: Ctx): Promise<MaintenanceResult> {
  // VACUUM cannot run inside a transaction; a caller's transaction means a test or a bulk job: skip.
  if (ctx.db.isTransaction || servesManySessions(ctx.db)) return { vacuumed: false, durationMs: 0 };
  const startedMs = performance.now();
  await sql`vacuum (analyze)`.execute(ctx.db);
  return { vacuumed: true, durationMs: Math.round(performance.now() - startedMs) };
}
