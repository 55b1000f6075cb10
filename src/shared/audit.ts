import { createHash } from 'node:crypto';
import type { Actor } from './access.ts';
import type { TxCtx } from './context.ts';
import { insertRowsUnnest, type UnnestColumn } from './db/insert-unnest.ts';
import { newId } from './ids.ts';
import { canonicalJson, canonicalJsonOfJsonValue, toJsonTextOnce } from './json.ts';

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

/**
 * recordAudit for many writes of one statement (a bulk insert or update): one moment for all of
 * them, entries in the given order. The same buffering and chaining as recordAudit.
 */
export async function recordAuditEntries(ctx: TxCtx, inputs: readonly AuditInput[]): Promise<void> {
  const occurredAt = new Date(ctx.clock.now().epochMilliseconds);
  const entries = inputs.map((input): PendingAuditEntry => ({ ...input, actor: ctx.actor, requestId: ctx.requestId, occurredAt }));
  if (ctx.pendingAudit) {
    for (const entry of entries) ctx.pendingAudit.push(entry);
    return;
  }
  if (entries.length > 0) await appendAuditEntries(ctx, entries);
}

export async function flushAuditEntries(ctx: TxCtx): Promise<void> {
  const pending = ctx.pendingAudit;
  if (!pending || pending.length === 0) return;
  const entries = pending.splice(0, pending.length);
  await appendAuditEntries(ctx, entries);
}

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
  const rows = entries.map((entry): AuditRowColumns => {
    seq += 1n;
    // Serialized once: the text is what jsonb stores, its parse is what the hash covers (and what
    // reading the row back gives, up to jsonb's key order and number spelling, which the hash ignores).
    const before = jsonColumn(entry.before);
    const after = jsonColumn(entry.after);
    const fields: AuditHashFields = {
      seq: seq.toString(),
      id: newId('aud'),
      occurredAt: entry.occurredAt.toISOString(),
      actorType: entry.actor.kind,
      actorId: entry.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: before.value,
      after: after.value,
      requestId: entry.requestId,
      prevHash,
    };
    // Every field is plain JSON already (strings, null, parsed JSON): hashAuditEntry's text without its copy.
    const hash = createHash('sha256').update(canonicalJsonOfJsonValue(fields)).digest('hex');
    prevHash = hash;
    return { fields, beforeText: before.text, afterText: after.text, hash };
  });
  // One statement per chunk, one array per column (a VALUES list would bind 13 parameters per entry).
  await insertRowsUnnest(ctx.db, 'audit_log', AUDIT_COLUMNS, rows);
  await ctx.db.updateTable('audit_chain_head').set({ last_seq: seq, last_hash: prevHash }).where('id', '=', 1).execute();
}

/** A JSON null (or nothing) is stored as SQL null. */
function jsonColumn(value: unknown): { text: string | null; value: unknown } {
  if (value === undefined || value === null) return { text: null, value: null };
  const text = toJsonTextOnce(value);
  const parsed = JSON.parse(text) as unknown;
  return parsed === null ? { text: null, value: null } : { text, value: parsed };
}

type AuditRowColumns = { fields: AuditHashFields; beforeText: string | null; afterText: string | null; hash: string };

const AUDIT_COLUMNS: ReadonlyArray<UnnestColumn<AuditRowColumns>> = [
  { name: 'seq', type: 'bigint', value: (row) => row.fields.seq },
  { name: 'id', type: 'text', value: (row) => row.fields.id },
  { name: 'occurred_at', type: 'timestamptz', value: (row) => row.fields.occurredAt },
  { name: 'actor_type', type: 'text', value: (row) => row.fields.actorType },
  { name: 'actor_id', type: 'text', value: (row) => row.fields.actorId },
  { name: 'action', type: 'text', value: (row) => row.fields.action },
  { name: 'entity_type', type: 'text', value: (row) => row.fields.entityType },
  { name: 'entity_id', type: 'text', value: (row) => row.fields.entityId },
  { name: 'before', type: 'jsonb', value: (row) => row.beforeText },
  { name: 'after', type: 'jsonb', value: (row) => row.afterText },
  { name: 'request_id', type: 'text', value: (row) => row.fields.requestId },
  { name: 'prev_hash', type: 'text', value: (row) => row.fields.prevHash },
  { name: 'hash', type: 'text', value: (row) => row.hash },
];
