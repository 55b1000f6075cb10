import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { inTransaction } from '../context.ts';
import { MAX_ATTEMPTS } from './backoff.ts';
import { dispatchDueDeliveries, type DispatchOptions } from './dispatcher.ts';
import { publishEvent } from './publish-event.ts';
import { sendWebhook } from './send-webhook.ts';
import { createSubscriberRegistry } from './subscribers.ts';
import { startWebhookReceiver, type WebhookReceiver } from './test-fixtures/webhook-receiver.ts';
import { generateWebhookSecret } from './webhook-signature.ts';

let t: TestContext;
let receiver: WebhookReceiver;
const secret = generateWebhookSecret();
const registry = createSubscriberRegistry();

beforeAll(async () => {
  t = await createTestContext();
  receiver = await startWebhookReceiver({ secret: () => secret, clock: t.clock });
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.respondWith();
  await t.ctx.db.deleteFrom('event_deliveries').execute();
  await t.ctx.db.deleteFrom('outbox_events').execute();
  await t.ctx.db.deleteFrom('webhook_endpoints').execute();
});

async function addEndpoint(url = receiver.url): Promise<string> {
  const at = new Date(t.clock.now().epochMilliseconds);
  await t.ctx.db.insertInto('webhook_endpoints').values({
    id: 'whk_test', url, secret, event_types: JSON.stringify(['invoice.*']), description: 'test', enabled: true, created_at: at, updated_at: at,
  }).execute();
  return 'whk_test';
}

const publishInvoiceIssued = () =>
  inTransaction(t.ctx, (tx) => publishEvent(tx, { type: 'invoice.issued', aggregateType: 'invoice', aggregateId: 'inv_1', payload: { totalMinor: 990n, currency: 'EUR' } }, { registry }));
const dispatch = (options: DispatchOptions = {}) => dispatchDueDeliveries(t.ctx, { registry, random: () => 0.5, ...options });
const deliveryOf = (eventId: string) => t.ctx.db.selectFrom('event_deliveries').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();

describe('webhook delivery', () => {
  it('posts a signed body the receiver verifies, retrying a 500 with backoff under the same webhook-id', async () => {
    await addEndpoint();
    const eventId = await publishInvoiceIssued();
    receiver.respondWith(500);
    expect(await dispatch()).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, last_error: 'HTTP 500' });
    expect((await deliveryOf(eventId)).next_attempt_at.toISOString()).toBe('2026-01-15T09:00:05.000Z');

    t.clock.advance({ seconds: 5 });
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, last_error: null });
    expect(receiver.received.map((r) => [r.id, r.verification])).toEqual([[eventId, { ok: true }], [eventId, { ok: true }]]);
    expect(JSON.parse(receiver.received[1]?.body ?? '')).toEqual({
      id: eventId, type: 'invoice.issued', timestamp: '2026-01-15T09:00:00.000Z', aggregateType: 'invoice', aggregateId: 'inv_1',
      data: { totalMinor: '990', currency: 'EUR' },
    });
  });

  it('marks the delivery dead after the last attempt fails', async () => {
    await addEndpoint();
    const eventId = await publishInvoiceIssued();
    receiver.respondWith(...Array.from({ length: MAX_ATTEMPTS }, () => 503));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await dispatch()).toMatchObject({ claimed: 1, [attempt < MAX_ATTEMPTS ? 'retrying' : 'dead']: 1 });
      t.clock.advance({ hours: 11 });
    }
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, last_status_code: 503 });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(receiver.received.every((r) => r.verification.ok)).toBe(true);
  });

  it('does not follow redirects', async () => {
    await addEndpoint();
    const eventId = await publishInvoiceIssued();
    receiver.respondWith(302);
    await dispatch();
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'pending', last_status_code: 302, last_error: 'HTTP 302' });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up at once on a disabled endpoint', async () => {
    const endpointId = await addEndpoint();
    const eventId = await publishInvoiceIssued();
    await t.ctx.db.updateTable('webhook_endpoints').set({ enabled: false }).where('id', '=', endpointId).execute();
    expect(await dispatch()).toMatchObject({ claimed: 1, dead: 1 });
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'the webhook endpoint is disabled' });
    expect(receiver.received).toHaveLength(0);
  });
});

describe('sendWebhook', () => {
  const base = { secret, eventId: 'evt_x', body: '{}' };

  it('reports a refused connection without throwing', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await startWebhookReceiver({ secret: () => secret, clock: t.clock });
    await closed.close();
    const result = await sendWebhook({ ...base, url: closed.url, timeoutMs: 2000, sentAt: t.clock.now() });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) as unknown });
  });

  it('reports a timeout without throwing', async () => {
    receiver.respondWith(0);
    const result = await sendWebhook({ ...base, url: receiver.url, timeoutMs: 200, sentAt: t.clock.now() });
    expect(result).toEqual({ ok: false, error: 'timed out after 200 ms' });
  });

  it('reports a URL fetch cannot use without throwing', async () => {
    const result = await sendWebhook({ ...base, url: 'not a url', timeoutMs: 200, sentAt: t.clock.now() });
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
  });
});
