import { sql } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';

/**
 * Runs `work` in a savepoint of the demo's open run transaction (runAgenda), so a refused call
 * (submit blocked by a validation rule) undoes only its own writes and drops the audit entries it
 * buffered (shared/audit.ts appends them at commit), and the run goes on. Outside a transaction
 * `work` runs as it is: its service opens its own.
 */
export async function inSavepoint<T>(ctx: Ctx, work: () => Promise<T>): Promise<T> {
  if (!ctx.db.isTransaction) return work();
  const tx = ctx as TxCtx;
  const auditMark = tx.pendingAudit?.length ?? 0;
  await sql`savepoint demo_refusable`.execute(tx.db);
  try {
    const result = await work();
    await sql`release savepoint demo_refusable`.execute(tx.db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint demo_refusable`.execute(tx.db);
    tx.pendingAudit?.splice(auditMark);
    throw error;
  }
}
