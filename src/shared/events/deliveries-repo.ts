import type { Kysely } from 'kysely';
import type { SharedTables } from '../db/tables.ts';
import type { DomainEvent } from './subscribers.ts';

/** Claiming and settling event_deliveries rows (the claim also reads the claimed deliveries' events); the dispatcher's only storage. */

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
  return (await claimDueDeliveriesWithEvents(db, input)).deliveries;
}

/**
 * claimDueDeliveries, answering with the claimed deliveries' events too: the claim and the read of
 * its events in one statement (a data-modifying WITH), as the dispatcher needs both. A delivery
 * whose event is missing comes without it (the dispatcher asserts it is there).
 */
export async function claimDueDeliveriesWithEvents(
  db: Kysely<SharedTables>,
  input: { now: Date; leaseUntil: Date; limit: number },
): Promise<{ deliveries: ClaimedDelivery[]; events: Map<string, DomainEvent> }> {
  const rows = await db
    .with('claimed', (qb) => qb
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
      .returning(['id', 'event_id', 'target_kind', 'target', 'attempts']))
    .selectFrom('claimed')
    .leftJoin('outbox_events as e', 'e.id', 'claimed.event_id')
    .select([
      'claimed.id', 'claimed.event_id', 'claimed.target_kind', 'claimed.target', 'claimed.attempts',
      'e.id as event_row_id', 'e.type', 'e.aggregate_type', 'e.aggregate_id', 'e.payload', 'e.occurred_at', 'e.request_id',
    ])
    .execute();
  const events = new Map<string, DomainEvent>();
  for (const row of rows) {
    if (row.event_row_id === null || row.type === null || row.aggregate_type === null || row.aggregate_id === null || row.occurred_at === null) continue;
    events.set(row.event_row_id, {
      id: row.event_row_id, type: row.type, aggregateType: row.aggregate_type, aggregateId: row.aggregate_id,
      payload: row.payload, occurredAt: row.occurred_at, requestId: row.request_id,
    });
  }
  // UPDATE … RETURNING has no order; keep the claim order so events reach a target in publish order when nothing fails.
  const deliveries = rows
    .map((row) => ({ id: row.id, eventId: row.event_id, targetKind: row.target_kind, target: row.target, attempts: row.attempts, lockedUntil: input.leaseUntil }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { deliveries, events };
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
