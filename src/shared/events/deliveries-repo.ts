import type { Kysely } from 'kysely';
import type { SharedTables } from '../db/tables.ts';

/** Claiming and settling event_deliveries rows; the dispatcher's only storage. */

export type ClaimedDelivery = {
  id: string;
  eventId: string;
  targetKind: 'subscriber' | 'webhook';
  target: string;
  /** Attempts made before this one. */
  attempts: number;
  lockedUntil: Date;
};

const MAX_ERROR_CHARS = 1000;

/**
 * Leases up to `limit` due deliveries until `leaseUntil`. SKIP LOCKED lets two
 * dispatchers on PostgreSQL claim disjoint rows without waiting on each other;
 * a lease that runs out (its process died mid-delivery) makes the row due again.
 */
export async function claimDueDeliveries(
  db: Kysely<SharedTables>,
  input: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const rows = await db
    .updateTable('event_deliveries')
    .set({ locked_until: input.leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('event_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', input.now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', input.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(input.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'event_id', 'target_kind', 'target', 'attempts'])
    .execute();
  // UPDATE … RETURNING has no order; keep the claim order so events reach a target in publish order when nothing fails.
  return rows
    .map((row) => ({ id: row.id, eventId: row.event_id, targetKind: row.target_kind, target: row.target, attempts: row.attempts, lockedUntil: input.leaseUntil }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function markDelivered(db: Kysely<SharedTables>, id: string, input: { now: Date; statusCode: number | null }): Promise<void> {
  await db
    .updateTable('event_deliveries')
    .set((eb) => ({
      status: 'delivered',
      attempts: eb('attempts', '+', 1),
      delivered_at: input.now,
      locked_until: null,
      last_error: null,
      last_status_code: input.statusCode,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Counts the failed attempt and either schedules the next one or, with `nextAttemptAt` null, gives up. */
export async function markFailed(
  db: Kysely<SharedTables>,
  id: string,
  input: { error: string; statusCode: number | null; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable('event_deliveries')
    .set((eb) => ({
      status: input.nextAttemptAt === null ? 'dead' : 'pending',
      attempts: eb('attempts', '+', 1),
      ...(input.nextAttemptAt === null ? {} : { next_attempt_at: input.nextAttemptAt }),
      locked_until: null,
      last_error: input.error.slice(0, MAX_ERROR_CHARS),
      last_status_code: input.statusCode,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
