import { createHash, hash as oneShotHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from './access.ts';
import type { TxCtx } from './context.ts';
import { newId } from './ids.ts';
import { canonicalJsonText } from './audit-json.ts';
import { canonicalJson } from './json.ts';
import type { AuditAction, AuditEntityType } from './audit-vocabulary.ts';

export type { AuditAction, AuditEntityType } from './audit-vocabulary.ts';

export type AuditInput = {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  before: unknown;
  after: unknown;
};

/**
 * An entry captured during a transaction: who and when are fixed at the moment of the write.
 * `prepared`: its texts up to the chain fields, once prepareAuditEntries has written them.
 */
export type PendingAuditEntry = AuditInput & { actor: Actor; requestId: string | null; occurredAt: Date; prepared?: PreparedEntry };

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

/**
 * Writes now, instead of at commit, what appending the transaction's pending entries needs before
 * the chain position: each entry's id and canonical text (the part of an append that is not hashing
 * nor the insert). For a writer that has statements in flight and this process idle meanwhile (the
 * billing run, docs/billing.md): the entries are the same, their before/after read as recorded.
 */
export function prepareAuditEntries(ctx: TxCtx): void {
  for (const entry of ctx.pendingAudit ?? []) entry.prepared ??= prepareEntry(entry);
}

export async function flushAuditEntries(ctx: TxCtx): Promise<void> {
  const pending = ctx.pendingAudit;
  if (!pending || pending.length === 0) return;
  const entries = pending.splice(0, pending.length);
  await appendAuditEntries(ctx, entries);
}

/**
 * Everything that does not depend on the chain position is written first, outside the chain-head
 * lock: each entry's id, its before/after in canonical text, and its hashed and stored text up to
 * the chain fields. Then the head is locked (no forks, no seq gaps), the entries are hashed onto the
 * chain (only seq and prevHash left to fill in), and inserted — the last insert and the head update
 * in one statement — so writers queue on the head only for the hashing and the writes.
 */
async function appendAuditEntries(ctx: TxCtx, entries: PendingAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const prepared = entries.map((entry) => entry.prepared ?? prepareEntry(entry));
  const head = await ctx.db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = head.last_seq;
  let prevHash = head.last_hash;
  let records: string[] = [];
  for (let index = 0; index < prepared.length; index += 1) {
    const entry = prepared[index] as PreparedEntry;
    seq += 1n;
    const seqText = seq.toString();
    const prevHashText = JSON.stringify(prevHash);
    // One call per entry (no hash object each): the same SHA-256 as hashAuditEntry.
    const hash = oneShotHash('sha256', `${entry.hashedHead}${prevHashText},${entry.hashedTail}"seq":"${seqText}"}`, 'hex');
    records.push(`${entry.recordHead}"seq":${seqText},"prev_hash":${prevHashText},"hash":"${hash}"}`);
    prevHash = hash;
    const last = index === prepared.length - 1;
    if (records.length === ENTRIES_PER_INSERT || last) {
      await insertAuditRecords(ctx, records, last ? { seq, hash: prevHash } : null);
      records = [];
    }
  }
}

// Entries per statement: bounds one message's size when a transaction appends very many.
const ENTRIES_PER_INSERT = 2_000;

/**
 * One statement, one parameter: the entries as a JSON array of records. before/after sit in it as
 * JSON (no escaping into an array literal on this side, no text-to-jsonb cast per entry on the server).
 * With `head`, the same statement moves the chain head to the last entry.
 */
async function insertAuditRecords(ctx: TxCtx, records: readonly string[], head: { seq: bigint; hash: string } | null): Promise<void> {
  const insert = sql`
    insert into audit_log (seq, id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
    select seq, id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash
    from jsonb_to_recordset(${`[${records.join(',')}]`}::jsonb) as r (seq bigint, id text, occurred_at timestamptz, actor_type text, actor_id text,
      action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text, prev_hash text, hash text)`;
  if (head === null) {
    await insert.execute(ctx.db);
    return;
  }
  await sql`with appended as (${insert}) update audit_chain_head set last_seq = ${head.seq}, last_hash = ${head.hash} where id = 1`.execute(ctx.db);
}

/** An entry's texts up to its chain fields: hashedText and recordText with seq, prevHash and hash left to append. */
type PreparedEntry = { hashedHead: string; hashedTail: string; recordHead: string };

function prepareEntry(entry: PendingAuditEntry): PreparedEntry {
  const fields: HashedScalars = {
    id: newId('aud'), occurredAt: entry.occurredAt.toISOString(), actorType: entry.actor.kind, actorId: entry.actor.id,
    action: entry.action, entityType: entry.entityType, entityId: entry.entityId, requestId: entry.requestId ?? null,
  };
  // before/after in canonical text, written once: the hash covers it and jsonb stores it (reading
  // the row back gives the same value up to key order and number spelling, which the hash ignores).
  const before = jsonColumnText(entry.before);
  const after = jsonColumnText(entry.after);
  return { ...hashedText(fields, before, after), recordHead: recordText(fields, before, after) };
}

type HashedScalars = Omit<AuditHashFields, 'before' | 'after' | 'seq' | 'prevHash'>;

/** A JSON null (or nothing) is stored as SQL null and hashed as null. */
function jsonColumnText(value: unknown): string {
  return value === undefined || value === null ? 'null' : canonicalJsonText(value);
}

/**
 * hashAuditEntry's input without building the object, in two parts around the chain fields:
 * canonicalJson of the fields is their keys in sorted order (… occurredAt, prevHash, requestId, seq),
 * each scalar as JSON.stringify writes it, before/after as their canonical text; the caller puts
 * `head + prevHash + "," + tail + "seq":"N"}` together (audit.test.ts checks it equals
 * hashAuditEntry of the stored row).
 */
function hashedText(f: HashedScalars, before: string, after: string): { hashedHead: string; hashedTail: string } {
  const q = JSON.stringify;
  return {
    hashedHead: `{"action":${q(f.action)},"actorId":${q(f.actorId)},"actorType":${q(f.actorType)},"after":${after},"before":${before},`
      + `"entityId":${q(f.entityId)},"entityType":${q(f.entityType)},"id":${q(f.id)},"occurredAt":${q(f.occurredAt)},"prevHash":`,
    hashedTail: `"requestId":${q(f.requestId)},`,
  };
}

/** One entry as a jsonb_to_recordset record up to its chain fields (column names as keys; a JSON null becomes SQL null). */
function recordText(f: HashedScalars, before: string, after: string): string {
  const q = JSON.stringify;
  return `{"id":${q(f.id)},"occurred_at":${q(f.occurredAt)},"actor_type":${q(f.actorType)},"actor_id":${q(f.actorId)},`
    + `"action":${q(f.action)},"entity_type":${q(f.entityType)},"entity_id":${q(f.entityId)},"before":${before},"after":${after},`
    + `"request_id":${q(f.requestId)},`;
}
