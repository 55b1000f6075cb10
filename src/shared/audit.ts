import { createHash } from 'node:crypto';
import type { Actor } from './access.ts';
import type { TxCtx } from './context.ts';
import { newId } from './ids.ts';
import { canonicalJson, toJsonText } from './json.ts';

export type AuditAction = 'create' | 'update' | 'delete' | (string & {});

export type AuditInput = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

/** An entry captured during a transaction: who and when are fixed at the moment of the write. */
export type PendingAuditEntry = AuditInput & { actor: Actor; requestId: string | null; occurredAt: Date };

/** The fields covered by an entry's hash, in the shape they are stored. */
export type AuditHashFields = {
  seq: string;
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

export function hashAuditEntry(fields: AuditHashFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/**
 * Records one audit entry as part of the caller's transaction. Inside
 * `inTransaction` the entry is buffered and appended with the transaction's
 * other entries just before commit: the chain head is then locked only for
 * the last moment of the transaction (writers queue on it for milliseconds, not
 * for their whole duration, and it is always the last lock taken, so it cannot
 * take part in a deadlock), and a batch of entries costs one lock and one insert.
 * A transaction that rolls back leaves no entry.
 */
export async function recordAudit(ctx: TxCtx, input: AuditInput): Promise<void> {
  const entry: PendingAuditEntry = {
    ...input,
    actor: ctx.actor,
    requestId: ctx.requestId,
    occurredAt: new Date(ctx.clock.now().epochMilliseconds),
  };
  if (ctx.pendingAudit) {
    ctx.pendingAudit.push(entry);
    return;
  }
  await appendAuditEntries(ctx, [entry]);
}

export async function flushAuditEntries(ctx: TxCtx): Promise<void> {
  const pending = ctx.pendingAudit;
  if (!pending || pending.length === 0) return;
  const entries = pending.splice(0, pending.length);
  await appendAuditEntries(ctx, entries);
}

const INSERT_CHUNK = 500;

/** Locks the single chain-head row (no forks, no seq gaps), hashes each entry onto the chain, inserts them. */
async function appendAuditEntries(ctx: TxCtx, entries: PendingAuditEntry[]): Promise<void> {
  const head = await ctx.db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = head.last_seq;
  let prevHash = head.last_hash;
  const rows = entries.map((entry) => {
    seq += 1n;
    const before = entry.before === undefined ? null : (JSON.parse(toJsonText(entry.before)) as unknown);
    const after = entry.after === undefined ? null : (JSON.parse(toJsonText(entry.after)) as unknown);
    const fields: AuditHashFields = {
      seq: seq.toString(),
      id: newId('aud'),
      occurredAt: entry.occurredAt.toISOString(),
      actorType: entry.actor.kind,
      actorId: entry.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before,
      after,
      requestId: entry.requestId,
      prevHash,
    };
    const hash = hashAuditEntry(fields);
    prevHash = hash;
    return {
      seq,
      id: fields.id,
      occurred_at: entry.occurredAt,
      actor_type: fields.actorType,
      actor_id: fields.actorId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      request_id: fields.requestId,
      prev_hash: fields.prevHash,
      hash,
    };
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await ctx.db.insertInto('audit_log').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  }
  await ctx.db.updateTable('audit_chain_head').set({ last_seq: seq, last_hash: prevHash }).where('id', '=', 1).execute();
}
