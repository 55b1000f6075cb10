import { createHash } from 'node:crypto';
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
 * Appends one entry to the hash-chained audit log inside the caller's
 * transaction. Locking the single chain-head row serialises writers, so the
 * chain has no forks and `seq` has no gaps (a rolled-back writer releases the
 * lock without advancing the head).
 */
export async function recordAudit(ctx: TxCtx, input: AuditInput): Promise<void> {
  const head = await ctx.db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const seq = head.last_seq + 1n;
  const occurredAt = new Date(ctx.clock.now().epochMilliseconds);
  const before = input.before === undefined ? null : JSON.parse(toJsonText(input.before));
  const after = input.after === undefined ? null : JSON.parse(toJsonText(input.after));
  const fields: AuditHashFields = {
    seq: seq.toString(),
    id: newId('aud'),
    occurredAt: occurredAt.toISOString(),
    actorType: ctx.actor.kind,
    actorId: ctx.actor.id,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before,
    after,
    requestId: ctx.requestId,
    prevHash: head.last_hash,
  };
  const hash = hashAuditEntry(fields);
  await ctx.db
    .insertInto('audit_log')
    .values({
      seq,
      id: fields.id,
      occurred_at: occurredAt,
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
    })
    .execute();
  await ctx.db
    .updateTable('audit_chain_head')
    .set({ last_seq: seq, last_hash: hash })
    .where('id', '=', 1)
    .execute();
}
