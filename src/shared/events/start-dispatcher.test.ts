import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { inTransaction } from '../context.ts';
import { startDispatcher } from './dispatcher.ts';
import { publishEvent } from './publish-event.ts';
import { createSubscriberRegistry } from './subscribers.ts';
import { countEffects, createEffectsTable, recordingSubscriber } from './test-fixtures/recording-subscriber.ts';

let t: TestContext;
const registry = createSubscriberRegistry();
const subscriber = recordingSubscriber({ name: 'looped', eventTypes: ['deal.*'] });
registry.register(subscriber);

beforeAll(async () => {
  t = await createTestContext();
  await createEffectsTable(t.ctx.db);
});
afterAll(() => t.close());

const publish = (aggregateId: string) =>
  inTransaction(t.ctx, (tx) => publishEvent(tx, { type: 'deal.won', aggregateType: 'deal', aggregateId, payload: {} }, { registry }));

describe('startDispatcher', () => {
  it('wakes right after a publishing transaction commits, long before its next poll', async () => {
    // One poll at start, the next an hour later: only the after-commit signal can deliver within the wait below.
    const dispatcher = startDispatcher(t.ctx, { registry, intervalMs: 3_600_000 });
    try {
      const first = await publish('deal_1');
      await vi.waitFor(async () => expect((await countEffects(t.ctx.db)).get(`looped:${first}`)).toBe(1), { timeout: 10_000, interval: 20 });

      // A slow transaction: on PostgreSQL a wake-up before its commit would find nothing and sleep for an hour.
      const second = await inTransaction(t.ctx, async (tx) => {
        const id = await publishEvent(tx, { type: 'deal.won', aggregateType: 'deal', aggregateId: 'deal_2', payload: {} }, { registry });
        await delay(300);
        return id;
      });
      await vi.waitFor(async () => expect((await countEffects(t.ctx.db)).get(`looped:${second}`)).toBe(1), { timeout: 10_000, interval: 20 });
    } finally {
      await dispatcher.stop();
    }
    expect(subscriber.calls).toBe(2);
  });

  it('delivers what is already due when it starts, and stops cleanly', async () => {
    const queued = await publish('deal_3');
    const dispatcher = startDispatcher(t.ctx, { registry, intervalMs: 3_600_000 });
    await vi.waitFor(async () => expect((await countEffects(t.ctx.db)).get(`looped:${queued}`)).toBe(1), { timeout: 10_000, interval: 20 });
    await dispatcher.stop();
    const later = await publish('deal_4');
    const pending = await t.ctx.db.selectFrom('event_deliveries').select('status').where('event_id', '=', later).executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
  });
});
