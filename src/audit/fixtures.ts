import { sql, type Transaction } from 'kysely';
import { recordAudit, type AuditInput } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';

export function makeAuditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return { action: 'update', entityType: 'account', entityId: 'acct_1', before: { name: 'Old' }, after: { name: 'New' }, ...overrides };
}

/** Appends the entries in order, in one transaction. */
export async function recordAuditEntries(ctx: Ctx, inputs: readonly AuditInput[]): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    for (const input of inputs) await recordAudit(tx, input);
  });
}

/**
 * Tampers the way someone with owner rights on the database could: switch the
 * append-only triggers off, change rows, switch them back on, all in one
 * transaction.
 */
export async function tamperWithAuditLog(ctx: Ctx, work: (db: Transaction<SharedTables>) => Promise<unknown>): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await work(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
  });
}

/** Empties the log and rewinds the head to genesis: each test gets a chain of its own on one database per file. */
export async function resetAuditLog(ctx: Ctx): Promise<void> {
  await tamperWithAuditLog(ctx, async (db) => {
    await db.deleteFrom('audit_log').execute();
    await db.updateTable('audit_chain_head').set({ last_seq: 0n, last_hash: '0'.repeat(64) }).where('id', '=', 1).execute();
  });
}
