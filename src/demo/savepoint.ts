import type { Ctx, TxCtx } from '../shared/context.ts';
import { withSavepoint } from '../shared/db/savepoint.ts';

/**
 * Runs `work` in a savepoint of the demo's open run transaction (runAgenda), so a refused call
 * (submit blocked by a validation rule) undoes only its own writes and drops the audit entries it
 * buffered (shared/audit.ts appends them at commit), and the run goes on. Outside a transaction
 * `work` runs as it is: its service opens its own.
 */
export async function inSavepoint<T>(ctx: Ctx, work: () => Promise<T>): Promise<T> {
  if (!ctx.db.isTransaction) return work();
  return withSavepoint(ctx as TxCtx, 'demo_refusable', work);
}
