import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from './access.ts';
import type { Clock } from './clock.ts';
import type { SharedTables } from './db/tables.ts';
import { flushAuditEntries, type PendingAuditEntry } from './audit.ts';

/**
 * What every service function receives: `(ctx, input)`. `db` is either the
 * database or an open transaction; `inTransaction` reuses an open one.
 */
export type Ctx = {
  db: Kysely<SharedTables>;
  clock: Clock;
  actor: Actor;
  /** pino, or the request's child logger (carries the request id). */
  log: FastifyBaseLogger;
  requestId: string | null;
};

export type TxCtx = Ctx & {
  db: Transaction<SharedTables>;
  /** Audit entries of this transaction, appended to the chain just before commit (see audit.ts). */
  pendingAudit?: PendingAuditEntry[];
};

export async function inTransaction<T>(ctx: Ctx, work: (tx: TxCtx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx as TxCtx);
  return ctx.db.transaction().execute(async (trx) => {
    const tx: TxCtx = { ...ctx, db: trx, pendingAudit: [] };
    const result = await work(tx);
    await flushAuditEntries(tx);
    return result;
  });
}

export function withActor(ctx: Ctx, actor: Actor): Ctx {
  return { ...ctx, actor };
}
