import { type Kysely, sql } from 'kysely';
import type { SharedTables } from '../../db/tables.ts';
import type { DomainEvent, Subscriber } from '../subscribers.ts';

/** A scratch table standing in for a subscriber's business effect, written in the handler's transaction. */
export async function createEffectsTable(db: Kysely<SharedTables>): Promise<void> {
  await sql`create table if not exists test_effects (seq bigserial primary key, subscriber text not null, event_id text not null)`.execute(db);
}

export type RecordingOptions = {
  name: string;
  eventTypes: string[];
  /** Throw (after writing the effect, so a rollback is visible) on this many first calls. */
  failFirstCalls?: number;
  /** Runs inside the transaction before the effect is written. */
  beforeEffect?: (event: DomainEvent) => Promise<void>;
};

export type RecordingSubscriber = Subscriber & { calls: number };

export function recordingSubscriber(options: RecordingOptions): RecordingSubscriber {
  const subscriber: RecordingSubscriber = {
    name: options.name,
    eventTypes: options.eventTypes,
    calls: 0,
    async handle(ctx, event) {
      subscriber.calls += 1;
      await options.beforeEffect?.(event);
      await sql`insert into test_effects (subscriber, event_id) values (${options.name}, ${event.id})`.execute(ctx.db);
      if (subscriber.calls <= (options.failFirstCalls ?? 0)) throw new Error(`${options.name} failed on call ${subscriber.calls}`);
    },
  };
  return subscriber;
}

/** How many times each (subscriber, event) effect was written. */
export async function countEffects(db: Kysely<SharedTables>): Promise<Map<string, number>> {
  const result = await sql<{ subscriber: string; event_id: string; n: string }>`
    select subscriber, event_id, count(*)::text as n from test_effects group by subscriber, event_id`.execute(db);
  return new Map(result.rows.map((r) => [`${r.subscriber}:${r.event_id}`, Number(r.n)]));
}
