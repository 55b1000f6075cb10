import type { Kysely } from 'kysely';
import type { TxCtx } from '../context.ts';
import type { SharedTables } from '../db/tables.ts';
import { newId } from '../ids.ts';
import { toJsonText } from '../json.ts';
import type { DomainEvent } from './subscribers.ts';

/** The only code writing outbox_events and processed_events. */

export type DeliveryTarget = { kind: 'subscriber' | 'webhook'; target: string };

export async function insertEvent(tx: TxCtx, event: DomainEvent): Promise<void> {
  await tx.db
    .insertInto('outbox_events')
    .values({
      id: event.id,
      type: event.type,
      aggregate_type: event.aggregateType,
      aggregate_id: event.aggregateId,
      payload: toJsonText(event.payload),
      occurred_at: event.occurredAt,
      request_id: event.requestId,
    })
    .execute();
}

export async function insertDeliveries(tx: TxCtx, eventId: string, targets: DeliveryTarget[], now: Date): Promise<void> {
  if (targets.length === 0) return;
  await tx.db
    .insertInto('event_deliveries')
    .values(
      targets.map((t) => ({
        id: newId('dlv'),
        event_id: eventId,
        target_kind: t.kind,
        target: t.target,
        status: 'pending' as const,
        next_attempt_at: now,
        locked_until: null,
        last_error: null,
        last_status_code: null,
        delivered_at: null,
        created_at: now,
      })),
    )
    .execute();
}

const ROWS_PER_INSERT = 1_000;

/** insertEvent + insertDeliveries for many events, a few multi-row statements (publishEvents). */
export async function insertEventsAndDeliveries(tx: TxCtx, items: ReadonlyArray<{ event: DomainEvent; targets: DeliveryTarget[] }>, now: Date): Promise<void> {
  const events = items.map(({ event }) => ({
    id: event.id, type: event.type, aggregate_type: event.aggregateType, aggregate_id: event.aggregateId,
    payload: toJsonText(event.payload), occurred_at: event.occurredAt, request_id: event.requestId,
  }));
  const deliveries = items.flatMap(({ event, targets }) => targets.map((t) => ({
    id: newId('dlv'), event_id: event.id, target_kind: t.kind, target: t.target, status: 'pending' as const, next_attempt_at: now,
    locked_until: null, last_error: null, last_status_code: null, delivered_at: null, created_at: now,
  })));
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) await tx.db.insertInto('outbox_events').values(events.slice(i, i + ROWS_PER_INSERT)).execute();
  for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) await tx.db.insertInto('event_deliveries').values(deliveries.slice(i, i + ROWS_PER_INSERT)).execute();
}

export async function findEvents(db: Kysely<SharedTables>, ids: readonly string[]): Promise<Map<string, DomainEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('outbox_events').selectAll().where('id', 'in', ids).execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: row.payload,
        occurredAt: row.occurred_at,
        requestId: row.request_id,
      },
    ]),
  );
}

/**
 * Records that `subscriber` handled `eventId`; false when it already had. The
 * primary key makes a second, concurrent claimer wait for the first
 * transaction and then see the conflict, so a handler's effects commit once.
 */
export async function claimProcessedEvent(tx: TxCtx, subscriber: string, eventId: string, now: Date): Promise<boolean> {
  const inserted = await tx.db
    .insertInto('processed_events')
    .values({ subscriber, event_id: eventId, processed_at: now })
    .onConflict((oc) => oc.columns(['subscriber', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
