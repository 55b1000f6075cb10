import type { TxCtx } from '../context.ts';
import { assert } from '../errors.ts';
import { isEventTypePattern, matchesAnyEventType } from './event-types.ts';

/** An event as stored in the outbox and handed to subscribers. */
export type DomainEvent = {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  occurredAt: Date;
  requestId: string | null;
};

/**
 * An in-process reaction to events. `handle` runs inside a transaction that
 * also records (name, event id) in processed_events, so its effects commit
 * exactly once per event even though delivery is at-least-once. It must only
 * use `ctx.db` (the transaction): on PGlite a query on another handle waits
 * for this transaction and never returns.
 */
export type Subscriber = {
  /** Stable: it is stored with every delivery and in processed_events. */
  name: string;
  eventTypes: readonly string[];
  handle(ctx: TxCtx, event: DomainEvent): Promise<void>;
};

export type SubscriberRegistry = {
  register(subscriber: Subscriber): void;
  find(name: string): Subscriber | undefined;
  matching(eventType: string): Subscriber[];
  /** Forgets every subscriber: test files share a worker process (vitest isolate: false). */
  clear(): void;
};

const NAME = /^[a-z][a-z0-9_.-]{0,99}$/;

export function createSubscriberRegistry(): SubscriberRegistry {
  const byName = new Map<string, Subscriber>();
  return {
    register(subscriber) {
      assert(NAME.test(subscriber.name), `subscriber name ${JSON.stringify(subscriber.name)} must match ${NAME}`);
      // Guard: two subscribers sharing a name would share processed_events rows, so one would silently skip events.
      assert(!byName.has(subscriber.name), `subscriber ${subscriber.name} is already registered`);
      assert(subscriber.eventTypes.length > 0, `subscriber ${subscriber.name} subscribes to no event types`);
      for (const pattern of subscriber.eventTypes) {
        assert(isEventTypePattern(pattern), `subscriber ${subscriber.name}: ${JSON.stringify(pattern)} is not an event type pattern`);
      }
      byName.set(subscriber.name, subscriber);
    },
    find: (name) => byName.get(name),
    matching: (eventType) => [...byName.values()].filter((s) => matchesAnyEventType(s.eventTypes, eventType)),
    clear: () => byName.clear(),
  };
}

/** The application's registry; tests create their own with createSubscriberRegistry(). */
export const defaultSubscriberRegistry: SubscriberRegistry = createSubscriberRegistry();

export function registerSubscriber(subscriber: Subscriber, registry: SubscriberRegistry = defaultSubscriberRegistry): void {
  registry.register(subscriber);
}
