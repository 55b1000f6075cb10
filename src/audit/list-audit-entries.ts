import type { Selectable } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../shared/context.ts';
import type { AuditLogTable } from '../shared/db/tables.ts';
import { decodeCursor, toPage, invalidCursor } from '../shared/http/pagination.ts';
import type { AuditEntryItem, ListAuditEntriesInput } from './schema.ts';

const MAX_SEQ = 2n ** 63n - 1n;

export type AuditEntryPage = { data: AuditEntryItem[]; nextCursor: string | null };

/** Audit entries matching every given filter, newest first, paged by seq (keyset). */
export async function listAuditEntries(ctx: Ctx, input: ListAuditEntriesInput): Promise<AuditEntryPage> {
  const beforeSeq = seqFromCursor(input.cursor);
  let query = ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(input.limit + 1);
  if (input.entityType !== undefined) query = query.where('entity_type', '=', input.entityType);
  if (input.entityId !== undefined) query = query.where('entity_id', '=', input.entityId);
  if (input.actorId !== undefined) query = query.where('actor_id', '=', input.actorId);
  if (input.action !== undefined) query = query.where('action', '=', input.action);
  if (input.fromAt !== undefined) query = query.where('occurred_at', '>=', toStoredPrecision(input.fromAt));
  if (input.toAt !== undefined) query = query.where('occurred_at', '<', toStoredPrecision(input.toAt));
  if (beforeSeq !== null) query = query.where('seq', '<', beforeSeq);
  const rows = await query.execute();
  return toPage(rows, input.limit, (row) => ({ sortValue: row.seq.toString(), id: row.id }), toAuditEntryItem);
}

/**
 * Entries are written with millisecond precision; rounding a bound up to the
 * next millisecond keeps both `>= from` and `< to` exact for sub-millisecond
 * bounds, where truncation would let in an entry just before `from`.
 */
function toStoredPrecision(instant: Temporal.Instant): Date {
  return new Date(instant.round({ smallestUnit: 'millisecond', roundingMode: 'ceil' }).epochMilliseconds);
}

function seqFromCursor(text: string | undefined): bigint | null {
  const cursor = decodeCursor(text);
  if (cursor === null) return null;
  // A bound past bigint's range would reach the database as an error (a 500) instead of a 400.
  const seq = typeof cursor.sortValue === 'string' && /^\d{1,19}$/.test(cursor.sortValue) ? BigInt(cursor.sortValue) : null;
  if (seq === null || seq > MAX_SEQ) {
    throw invalidCursor();
  }
  return seq;
}

function toAuditEntryItem(row: Selectable<AuditLogTable>): AuditEntryItem {
  return {
    seq: row.seq.toString(),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
