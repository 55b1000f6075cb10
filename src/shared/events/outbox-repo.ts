import type { Kysely } from 'kysely';
import type { TxCtx } from '../context.ts';
import { insertRowsUnnest, type UnnestColumn } from '../db/insert-unnest.ts';
import type { SharedTables } from '../db/tables.ts';
import { newId } from '../ids.ts';
import { toJsonText, toJsonTextOnce } from '../json.ts';
import type { DomainEvent } from './subscribers.ts';

/** The only code writing outbox_events and processed_events (and, with the claim, a subscriber delivery's delivered mark). */

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

type OutboxRow = { id: string; type: string; aggregateType: string; aggregateId: string; payloadText: string; occurredAt: Date; requestId: string | null };
type DeliveryRow = { id: string; eventId: string; target: DeliveryTarget; now: Date };

const EVENT_COLUMNS: ReadonlyArray<UnnestColumn<OutboxRow>> = [
  { name: 'id', type: 'text', value: (row) => row.id },
  { name: 'type', type: 'text', value: (row) => row.type },
  { name: 'aggregate_type', type: 'text', value: (row) => row.aggregateType },
  { name: 'aggregate_id', type: 'text', value: (row) => row.aggregateId },
  { name: 'payload', type: 'jsonb', value: (row) => row.payloadText },
  { name: 'occurred_at', type: 'timestamptz', value: (row) => row.occurredAt },
  { name: 'request_id', type: 'text', value: (row) => row.requestId },
];
// The columns insertDeliveries gives; the rest keep their defaults.
const DELIVERY_COLUMNS: ReadonlyArray<UnnestColumn<DeliveryRow>> = [
  { name: 'id', type: 'text', value: (row) => row.id },
  { name: 'event_id', type: 'text', value: (row) => row.eventId },
  { name: 'target_kind', type: 'text', value: (row) => row.target.kind },
  { name: 'target', type: 'text', value: (row) => row.target.target },
  { name: 'status', type: 'text', value: () => 'pending' },
  { name: 'next_attempt_at', type: 'timestamptz', value: (row) => row.now },
  { name: 'locked_until', type: 'timestamptz', value: () => null },
  { name: 'last_error', type: 'text', value: () => null },
  { name: 'last_status_code', type: 'integer', value: () => null },
  { name: 'delivered_at', type: 'timestamptz', value: () => null },
  { name: 'created_at', type: 'timestamptz', value: (row) => row.now },
];

/**
 * insertEvent + insertDeliveries for many events (publishEvents): the same rows, one array per
 * column (insertRowsUnnest) instead of a bound parameter per cell.
 */
export async function insertEventsAndDeliveries(tx: TxCtx, items: ReadonlyArray<{ event: DomainEvent; targets: DeliveryTarget[] }>, now: Date): Promise<void> {
  const events = items.map(({ event }): OutboxRow => ({
    id: event.id, type: event.type, aggregateType: event.aggregateType, aggregateId: event.aggregateId,
    payloadText: toJsonTextOnce(event.payload), occurredAt: event.occurredAt, requestId: event.requestId,
  }));
  const deliveries = items.flatMap(({ event, targets }) => targets.map((target): DeliveryRow => ({ id: newId('dlv'), eventId: event.id, target, now })));
  await insertRowsUnnest(tx.db, 'outbox_events', EVENT_COLUMNS, events);
  await insertRowsUnnest(tx.db, 'event_deliveries', DELIVERY_COLUMNS, deliveries);
}

/**
 * Records that `subscriber` handled `eventId` and marks its delivery delivered, in one statement
 * of the delivery's transaction (the handler then runs in the same transaction: all commit or none
 * does); false when the subscriber already had handled it. The primary key makes a second,
 * concurrent claimer wait for the first transaction and then see the conflict, so a handler's
 * effects commit once. The claim's insert runs before the mark's update (an unreferenced
 * data-modifying WITH runs last), the same lock order as claiming first and marking after.
 */
export async function claimEventAndMarkDelivered(tx: TxCtx, input: { subscriber: string; eventId: string; deliveryId: string; now: Date }): Promise<boolean> {
  const inserted = await tx.db
    .with('claimed', (db) => db
      .insertInto('processed_events')
      .values({ subscriber: input.subscriber, event_id: input.eventId, processed_at: input.now })
      .onConflict((oc) => oc.columns(['subscriber', 'event_id']).doNothing())
      .returning('event_id'))
    .with('marked', (db) => db
      .updateTable('event_deliveries')
      .set((eb) => ({ status: 'delivered', attempts: eb('attempts', '+', 1), delivered_at: input.now, locked_until: null, last_error: null, last_status_code: null }))
      .where('id', '=', input.deliveryId)
      .where('status', '=', 'pending')
      .returning('id'))
    .selectFrom('claimed')
    .select('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
