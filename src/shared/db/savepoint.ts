import { sql } from 'kysely';
import type { TxCtx } from '../context.ts';

/**
 * Runs `work` inside a savepoint of the open transaction: on failure only its writes are undone.
 * Audit entries are buffered in the transaction until commit (shared/audit.ts), so the entries the
 * undone work produced are dropped from that buffer too; otherwise the audit log would record
 * writes that never happened.
 */
export async function withSavepoint<T>(tx: TxCtx, name: string, work: () => Promise<T>): Promise<T> {
  const auditMark = tx.pendingAudit?.length ?? 0;
  await sql.raw(`savepoint ${name}`).execute(tx.db);
  try {
    const result = await work();
    await sql.raw(`release savepoint ${name}`).execute(tx.db);
    return result;
  } catch (error) {
    await sql.raw(`rollback to savepoint ${name}`).execute(tx.db);
    tx.pendingAudit?.splice(auditMark);
    throw error;
  }
}
