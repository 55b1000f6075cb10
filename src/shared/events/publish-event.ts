import type { TxCtx } from '../context.ts';
import { assert } from '../errors.ts';
import { type Id, newId } from '../ids.ts';
import { isEventType } from './event-types.ts';
import { signalAfterCommit } from './outbox-signal.ts';
import { type DeliveryTarget, insertDeliveries, insertEvent, insertEventsAndDeliveries } from './outbox-repo.ts';
import { defaultSubscriberRegistry, type SubscriberRegistry } from './subscribers.ts';
import { findWebhookTargets } from './webhook-targets.ts';

export type NewEvent = {
  /** Past tense, dot separated: `quote.accepted`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
};

export type PublishOptions = { registry?: SubscriberRegistry };

/**
 * Transactional outbox: writes the event and one pending delivery per
 * matching subscriber and enabled webhook endpoint in the caller's
 * transaction, so the event exists if and only if the change committed.
 * Targets are fixed now: a subscriber registered or endpoint created later
 * does not receive events published before it.
 */
export async function publishEvent(tx: TxCtx, event: NewEvent, options: PublishOptions = {}): Promise<Id<'evt'>> {
  // Guard: outside a transaction the event could commit without the change (or the reverse).
  assert(tx.db.isTransaction, 'publishEvent must run in the transaction that makes the change');
  assert(isEventType(event.type), `event type ${JSON.stringify(event.type)} must be dot separated lower case, e.g. quote.accepted`);
  assert(event.aggregateType !== '' && event.aggregateId !== '', 'an event names its aggregate type and id');
  const registry = options.registry ?? defaultSubscriberRegistry;
  const id = newId('evt');
  const now = new Date(tx.clock.now().epochMilliseconds);
  await insertEvent(tx, { ...event, id, occurredAt: now, requestId: tx.requestId });
  const targets: DeliveryTarget[] = [
    ...registry.matching(event.type).map((s) => ({ kind: 'subscriber' as const, target: s.name })),
    ...(await findWebhookTargets(tx, event.type)).map((endpointId) => ({ kind: 'webhook' as const, target: endpointId })),
  ];
  await insertDeliveries(tx, id, targets, now);
  if (targets.length > 0) await signalAfterCommit(tx);
  return id;
}

/**
 * publishEvent for many events of one transaction (the billing run issues thousands at once): the
 * same rows — one event each, one pending delivery per matching subscriber and enabled endpoint —
 * written with one multi-row insert per table, the endpoints read once per event type.
 */
export async function publishEvents(tx: TxCtx, events: readonly NewEvent[], options: PublishOptions = {}): Promise<Array<Id<'evt'>>> {
  assert(tx.db.isTransaction, 'publishEvents must run in the transaction that makes the change');
  if (events.length === 0) return [];
  const registry = options.registry ?? defaultSubscriberRegistry;
  const now = new Date(tx.clock.now().epochMilliseconds);
  const targetsByType = new Map<string, DeliveryTarget[]>();
  for (const type of new Set(events.map((event) => event.type))) {
    assert(isEventType(type), `event type ${JSON.stringify(type)} must be dot separated lower case, e.g. quote.accepted`);
    targetsByType.set(type, [
      ...registry.matching(type).map((s) => ({ kind: 'subscriber' as const, target: s.name })),
      ...(await findWebhookTargets(tx, type)).map((endpointId) => ({ kind: 'webhook' as const, target: endpointId })),
    ]);
  }
  const written = events.map((event) => {
    assert(event.aggregateType !== '' && event.aggregateId !== '', 'an event names its aggregate type and id');
    return { ...event, id: newId('evt'), occurredAt: now, requestId: tx.requestId };
  });
  await insertEventsAndDeliveries(tx, written.map((event) => ({ event, targets: targetsByType.get(event.type) ?? [] })), now);
  if (written.some((event) => (targetsByType.get(event.type) ?? []).length > 0)) await signalAfterCommit(tx);
  return written.map((event) => event.id);
}
