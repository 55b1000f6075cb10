import type { Selectable } from 'kysely';
import { hashAuditEntry } from '../shared/audit.ts';
import type { Ctx } from '../shared/context.ts';
import type { AuditLogTable } from '../shared/db/tables.ts';
import { assert } from '../shared/errors.ts';
import type { AuditChainProblemKind, VerifyResultJson } from './schema.ts';

export type AuditChainProblem = { kind: AuditChainProblemKind; seq: bigint; id?: string; message: string };

export type AuditChainResult =
  | { ok: true; checked: number; headSeq: bigint }
  | { ok: false; checked: number; problem: AuditChainProblem };

export type VerifyAuditChainOptions = {
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
};

type AuditRow = Selectable<AuditLogTable>;
type ChainLink = { seq: bigint; hash: string };
type Walk = { checked: number; last: ChainLink; problem?: AuditChainProblem };

/** The link before seq 1: the head row seeded by migration 202611230001. */
const GENESIS: ChainLink = { seq: 0n, hash: '0'.repeat(64) };
const DEFAULT_BATCH_SIZE = 1000;

/**
 * Re-computes the hash chain from seq 1 and reports the first problem in seq
 * order. Reads in keyset batches (constant memory) without a long
 * transaction: it checks the chain up to the head as read at the start — a
 * committed head implies every entry up to it is committed — so writers can
 * keep appending while it runs.
 */
export async function verifyAuditChain(ctx: Ctx, options: VerifyAuditChainOptions = {}): Promise<AuditChainResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  assert(Number.isSafeInteger(batchSize) && batchSize > 0, `batchSize must be a positive integer, got ${batchSize}`);
  const head = await ctx.db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (head === undefined) {
    return { ok: false, checked: 0, problem: { kind: 'head_mismatch', seq: 0n, message: 'head mismatch — the chain head row is missing' } };
  }
  const walk = await walkChain(ctx, head.last_seq, batchSize, options.onProgress);
  const problem = walk.problem ?? checkHead(walk.last, { seq: head.last_seq, hash: head.last_hash }) ?? (await findEntryBeyondHead(ctx));
  return problem ? { ok: false, checked: walk.checked, problem } : { ok: true, checked: walk.checked, headSeq: head.last_seq };
}

async function walkChain(ctx: Ctx, headSeq: bigint, batchSize: number, onProgress?: (checked: number, total: number) => void): Promise<Walk> {
  const total = Number(headSeq);
  let last = GENESIS;
  let checked = 0;
  // No lower bound on the first batch, so a forged row with seq <= 0 is seen too.
  let afterSeq: bigint | null = null;
  for (;;) {
    let query = ctx.db.selectFrom('audit_log').selectAll().where('seq', '<=', headSeq).orderBy('seq').limit(batchSize);
    if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
    const rows = await query.execute();
    for (const row of rows) {
      const problem = checkEntry(row, last);
      if (problem) return { checked, last, problem };
      last = { seq: row.seq, hash: row.hash };
      checked += 1;
    }
    onProgress?.(checked, total);
    if (rows.length < batchSize) return { checked, last };
    afterSeq = last.seq;
  }
}

/** One entry against the link before it: numbering first, then its own hash, then the link. */
function checkEntry(row: AuditRow, previous: ChainLink): AuditChainProblem | undefined {
  const expectedSeq = previous.seq + 1n;
  if (row.seq < expectedSeq) {
    return { kind: 'extra_entry', seq: row.seq, id: row.id, message: `extra entry — entry ${row.id} has seq ${row.seq}, outside the chain's numbering` };
  }
  if (row.seq > expectedSeq) {
    return { kind: 'missing_entry', seq: expectedSeq, message: `missing entry — seq ${expectedSeq} is absent (deleted); the next entry is seq ${row.seq} (${row.id})` };
  }
  if (recomputeHash(row) !== row.hash) {
    return { kind: 'hash_mismatch', seq: row.seq, id: row.id, message: `hash mismatch — entry ${row.id} was modified after it was written` };
  }
  if (row.prev_hash !== previous.hash) {
    return {
      kind: 'broken_link',
      seq: row.seq,
      id: row.id,
      message: `broken link — entry ${row.id} does not point to the hash of seq ${previous.seq} (an entry was replaced or removed)`,
    };
  }
  return undefined;
}

/**
 * The hash as recordAudit computed it, from the stored columns: before/after
 * as read back from jsonb (canonicalJson sorts keys, so jsonb's reordering is
 * harmless) and occurred_at at the millisecond precision it was written with.
 */
function recomputeHash(row: AuditRow): string {
  return hashAuditEntry({
    seq: row.seq.toString(),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  });
}

function checkHead(last: ChainLink, head: ChainLink): AuditChainProblem | undefined {
  if (last.seq < head.seq) {
    const missing = last.seq + 1n;
    return { kind: 'missing_entry', seq: missing, message: `missing entry — the chain head is at seq ${head.seq} but the log ends at seq ${last.seq}` };
  }
  if (last.hash !== head.hash) {
    return { kind: 'head_mismatch', seq: head.seq, message: `head mismatch — the chain head's hash differs from the hash of entry seq ${head.seq}` };
  }
  return undefined;
}

/** One statement, so the head and the log are read from one snapshot: rows past the head were not appended by recordAudit. */
async function findEntryBeyondHead(ctx: Ctx): Promise<AuditChainProblem | undefined> {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select(['seq', 'id'])
    .where('seq', '>', (eb) => eb.selectFrom('audit_chain_head').select('last_seq').where('id', '=', 1))
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { kind: 'extra_entry', seq: row.seq, id: row.id, message: `extra entry — entry ${row.id} (seq ${row.seq}) lies beyond the chain head` };
}

export function toVerifyResultJson(result: AuditChainResult): VerifyResultJson {
  if (result.ok) return { ok: true, checked: result.checked, headSeq: result.headSeq.toString() };
  const { problem } = result;
  return {
    ok: false,
    checked: result.checked,
    problem: { kind: problem.kind, seq: problem.seq.toString(), ...(problem.id !== undefined ? { id: problem.id } : {}), message: problem.message },
  };
}
