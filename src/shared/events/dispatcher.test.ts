import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { inTransaction } from '../context.ts';
import { claimDueDeliveries } from './deliveries-repo.ts';
import { dispatchDueDeliveries, type DispatchOptions } from './dispatcher.ts';
import { publishEvent } from './publish-event.ts';
import { createSubscriberRegistry, type SubscriberRegistry } from './subscribers.ts';
import { countEffects, createEffectsTable, recordingSubscriber } from './test-fixtures/recording-subscriber.ts';

let t: TestContext;
let registry: SubscriberRegistry;
const noJitter = () => 0.5;

beforeAll(async () => {
  t = await createTestContext();
  await createEffectsTable(t.ctx.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  registry = createSubscriberRegistry();
  // Each test starts from an empty outbox (deliveries reference events, so they go first).
  await t.ctx.db.deleteFrom('event_deliveries').execute();
  await t.ctx.db.deleteFrom('processed_events').execute();
  await t.ctx.db.deleteFrom('outbox_events').execute();
  await t.ctx.db.deleteFrom('webhook_endpoints').execute();
});

const dispatch = (options: DispatchOptions = {}) => dispatchDueDeliveries(t.ctx, { registry, random: noJitter, ...options });
const publishQuoteAccepted = () =>
  inTransaction(t.ctx, (tx) => publishEvent(tx, { type: 'quote.accepted', aggregateType: 'quote', aggregateId: 'quo_1', payload: { totalMinor: 12345n } }, { registry }));
const deliveryOf = (eventId: string) =>
  t.ctx.db.selectFrom('event_deliveries').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();

describe('publishEvent', () => {
  it('writes nothing when the transaction rolls back', async () => {
    const watcher = recordingSubscriber({ name: 'rollback-watcher', eventTypes: ['*'] });
    registry.register(watcher);
    await expect(
      inTransaction(t.ctx, async (tx) => {
        await publishEvent(tx, { type: 'quote.accepted', aggregateType: 'quote', aggregateId: 'quo_0', payload: {} }, { registry });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await t.ctx.db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('event_deliveries').selectAll().execute()).toEqual([]);
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    expect(watcher.calls).toBe(0);
  });

  it('refuses to run outside a transaction', async () => {
    const tx = t.ctx as Parameters<typeof publishEvent>[0];
    await expect(publishEvent(tx, { type: 'quote.accepted', aggregateType: 'quote', aggregateId: 'q', payload: {} }, { registry })).rejects.toThrow(/transaction/);
  });

  it('queues one delivery per matching subscriber and enabled matching webhook', async () => {
    for (const [name, eventTypes] of [['exact', ['quote.accepted']], ['prefix', ['quote.*']], ['all', ['*']], ['other', ['invoice.*']]] as const) {
      registry.register(recordingSubscriber({ name, eventTypes: [...eventTypes] }));
    }
    const at = new Date(t.clock.now().epochMilliseconds);
    const endpoint = (id: string, types: string[], enabled: boolean) => ({
      id, url: 'http://127.0.0.1:1/', secret: 'whsec_AAAA', event_types: JSON.stringify(types), description: '', enabled, created_at: at, updated_at: at,
    });
    await t.ctx.db.insertInto('webhook_endpoints').values([
      endpoint('whk_match', ['quote.*'], true), endpoint('whk_off', ['*'], false), endpoint('whk_other', ['invoice.issued'], true),
    ]).execute();
    const eventId = await publishQuoteAccepted();
    const rows = await t.ctx.db.selectFrom('event_deliveries').selectAll().where('event_id', '=', eventId).orderBy('target').execute();
    expect(rows.map((r) => `${r.target_kind}:${r.target}`)).toEqual(['subscriber:all', 'subscriber:exact', 'subscriber:prefix', 'webhook:whk_match']);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0 && r.next_attempt_at.getTime() === at.getTime())).toBe(true);
    const event = await t.ctx.db.selectFrom('outbox_events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'quote.accepted', aggregate_type: 'quote', aggregate_id: 'quo_1', payload: { totalMinor: '12345' } });
    expect(eventId).toMatch(/^evt_/);
  });
});

describe('dispatchDueDeliveries with subscribers', () => {
  it('delivers a committed event once to each matching subscriber', async () => {
    const [a, b, other] = [
      recordingSubscriber({ name: 'a', eventTypes: ['quote.accepted'] }),
      recordingSubscriber({ name: 'b', eventTypes: ['quote.*'] }),
      recordingSubscriber({ name: 'other', eventTypes: ['invoice.issued'] }),
    ];
    [a, b, other].forEach((s) => registry.register(s));
    const eventId = await publishQuoteAccepted();
    expect(await dispatch()).toEqual({ claimed: 2, delivered: 2, retrying: 0, dead: 0, skipped: 0 });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    const effects = await countEffects(t.ctx.db);
    expect([effects.get(`a:${eventId}`), effects.get(`b:${eventId}`), effects.get(`other:${eventId}`)]).toEqual([1, 1, undefined]);
    expect([a.calls, b.calls, other.calls]).toEqual([1, 1, 0]);
    const rows = await t.ctx.db.selectFrom('event_deliveries').selectAll().where('event_id', '=', eventId).execute();
    expect(rows.map((r) => [r.status, r.attempts, r.delivered_at?.toISOString()])).toEqual([
      ['delivered', 1, '2026-01-15T09:00:00.000Z'], ['delivered', 1, '2026-01-15T09:00:00.000Z'],
    ]);
  });

  it('retries a failing handler with backoff, rolling back each failed attempt, until it succeeds', async () => {
    const flaky = recordingSubscriber({ name: 'flaky', eventTypes: ['quote.accepted'], failFirstCalls: 2 });
    registry.register(flaky);
    const eventId = await publishQuoteAccepted();
    expect(await dispatch()).toMatchObject({ claimed: 1, retrying: 1 });
    let row = await deliveryOf(eventId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, locked_until: null, last_error: 'Error: flaky failed on call 1' });
    expect(row.next_attempt_at.toISOString()).toBe('2026-01-15T09:00:05.000Z');
    expect(await dispatch()).toMatchObject({ claimed: 0 });

    t.clock.advance({ seconds: 5 });
    expect(await dispatch()).toMatchObject({ claimed: 1, retrying: 1 });
    row = await deliveryOf(eventId);
    expect(row.next_attempt_at.toISOString()).toBe('2026-01-15T09:05:05.000Z');
    t.clock.advance({ minutes: 4, seconds: 59 });
    expect(await dispatch()).toMatchObject({ claimed: 0 });

    t.clock.advance({ seconds: 1 });
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    expect(flaky.calls).toBe(3);
    expect((await countEffects(t.ctx.db)).get(`flaky:${eventId}`)).toBe(1);
  });

  it('applies the effect once when the same delivery runs again (processed_events guard)', async () => {
    const once = recordingSubscriber({ name: 'once', eventTypes: ['quote.accepted'] });
    registry.register(once);
    const eventId = await publishQuoteAccepted();
    await dispatch();
    // As if the "delivered" mark had been lost: the row is due again.
    await t.ctx.db.updateTable('event_deliveries').set({ status: 'pending', delivered_at: null }).where('event_id', '=', eventId).execute();
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(once.calls).toBe(1);
    expect((await countEffects(t.ctx.db)).get(`once:${eventId}`)).toBe(1);
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('leaves a leased delivery alone until the lease runs out, then delivers it', async () => {
    registry.register(recordingSubscriber({ name: 'leased', eventTypes: ['quote.accepted'] }));
    const eventId = await publishQuoteAccepted();
    const now = new Date(t.clock.now().epochMilliseconds);
    // A dispatcher that claimed the row and then died.
    await claimDueDeliveries(t.ctx.db, { now, leaseUntil: new Date(now.getTime() + 60_000), limit: 10 });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    t.clock.advance({ seconds: 61 });
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect((await countEffects(t.ctx.db)).get(`leased:${eventId}`)).toBe(1);
  });

  it('retries a delivery whose subscriber is not registered here, and gives up after the last attempt', async () => {
    registry.register(recordingSubscriber({ name: 'elsewhere', eventTypes: ['quote.accepted'] }));
    const eventId = await publishQuoteAccepted();
    const emptyRegistry = createSubscriberRegistry();
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      expect(await dispatch({ registry: emptyRegistry })).toMatchObject({ claimed: 1, [attempt < 8 ? 'retrying' : 'dead']: 1 });
      t.clock.advance({ hours: 11 });
    }
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'dead', attempts: 8, last_error: 'no subscriber named elsewhere is registered in this process' });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
  });
});
