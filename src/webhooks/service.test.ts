import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { toJsonText } from '../shared/json.ts';
import { createSubscriberRegistry, dispatchDueDeliveries, MAX_ATTEMPTS, publishEvent, type SendWebhook } from '../shared/events/index.ts';
import {
  createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints,
  retryWebhookDelivery, updateWebhookEndpoint,
} from './service.ts';

let t: TestContext;
const registry = createSubscriberRegistry();
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const auditOf = (entityId: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
const failingSender: SendWebhook = async () => ({ ok: false, status: 500, error: 'HTTP 500' });
const okSender: SendWebhook = async () => ({ ok: true, status: 204 });
const dispatch = (sendWebhook: SendWebhook) => dispatchDueDeliveries(t.ctx, { registry, sendWebhook, random: () => 0.5 });
const publishInvoiceIssued = (aggregateId = 'inv_1') =>
  inTransaction(t.ctx, (tx) => publishEvent(tx, { type: 'invoice.issued', aggregateType: 'invoice', aggregateId, payload: {} }, { registry }));

async function expectAppError(promise: Promise<unknown>, code: AppError['code']): Promise<void> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe('webhook endpoints', () => {
  it('creates an endpoint, returns its secret once and keeps the secret out of the audit log', async () => {
    const created = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/hooks', eventTypes: ['invoice.*', 'invoice.*'], description: 'ERP' });
    expect(created).toMatchObject({ url: 'https://example.com/hooks', eventTypes: ['invoice.*'], description: 'ERP', enabled: true, version: 1 });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.id).toMatch(/^whk_/);
    const fetched = await getWebhookEndpoint(t.ctx, created.id);
    expect(fetched).not.toHaveProperty('secret');
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({ action: 'create', entity_type: 'webhook_endpoint', before: null, after: { secret: '[redacted]', url: 'https://example.com/hooks' } });
    expect(toJsonText(entry)).not.toContain(created.secret.slice('whsec_'.length));
  });

  it('pages through endpoints in creation order', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await createWebhookEndpoint(t.ctx, { url: `https://example.com/page/${n}`, eventTypes: ['*'] })).id);
    const all = await listWebhookEndpoints(t.ctx, { limit: 100, afterId: null });
    const mine = all.filter((e) => ids.includes(e.id)).map((e) => e.id);
    expect(mine).toEqual(ids);
    const page = await listWebhookEndpoints(t.ctx, { limit: 2, afterId: ids[0]! });
    expect(page.map((e) => e.id)).toEqual(ids.slice(1));
  });

  it('updates with the expected version, audits before and after, and refuses a stale version', async () => {
    const { id } = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/a', eventTypes: ['quote.accepted'] });
    t.clock.advance({ minutes: 1 });
    const updated = await updateWebhookEndpoint(t.ctx, id, { enabled: false, eventTypes: ['quote.*'] }, 1);
    expect(updated).toMatchObject({ enabled: false, eventTypes: ['quote.*'], version: 2, url: 'https://example.com/a' });
    expect(updated.updatedAt).not.toBe(updated.createdAt);
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]).toMatchObject({ before: { enabled: true, version: 1, secret: '[redacted]' }, after: { enabled: false, version: 2, secret: '[redacted]' } });

    await expectAppError(updateWebhookEndpoint(t.ctx, id, { description: 'stale' }, 1), 'version_conflict');
    await expectAppError(updateWebhookEndpoint(t.ctx, id, {}, 2), 'validation_failed');
    await expectAppError(updateWebhookEndpoint(t.ctx, 'whk_missing', { enabled: true }, 1), 'not_found');
    expect((await getWebhookEndpoint(t.ctx, id)).version).toBe(2);
  });

  it('deletes an endpoint, abandoning its pending deliveries, and audits the deletion', async () => {
    const { id } = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/gone', eventTypes: ['invoice.issued'] });
    await publishInvoiceIssued('inv_gone');
    await expectAppError(deleteWebhookEndpoint(t.ctx, id, 2), 'version_conflict');
    await deleteWebhookEndpoint(t.ctx, id, 1);
    await expectAppError(getWebhookEndpoint(t.ctx, id), 'not_found');
    await expectAppError(deleteWebhookEndpoint(t.ctx, id, 1), 'not_found');
    const deliveries = await t.ctx.db.selectFrom('event_deliveries').selectAll().where('target', '=', id).execute();
    expect(deliveries.map((d) => [d.status, d.last_error])).toEqual([['dead', 'the webhook endpoint was deleted']]);
    expect((await auditOf(id)).map((e) => [e.action, e.after])).toEqual([['create', expect.anything()], ['delete', null]]);
  });
});

describe('webhook deliveries', () => {
  it('lists the delivery log newest first and re-queues a dead delivery once asked', async () => {
    const { id } = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/log', eventTypes: ['invoice.issued'] });
    const first = await publishInvoiceIssued('inv_a');
    const second = await publishInvoiceIssued('inv_b');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      await dispatch(failingSender);
      t.clock.advance({ hours: 11 });
    }
    const log = await listWebhookDeliveries(t.ctx, id, { limit: 10, beforeId: null });
    expect(log.map((d) => [d.eventId, d.eventType, d.status, d.attempts, d.lastStatusCode, d.nextAttemptAt])).toEqual([
      [second, 'invoice.issued', 'dead', MAX_ATTEMPTS, 500, null],
      [first, 'invoice.issued', 'dead', MAX_ATTEMPTS, 500, null],
    ]);
    const older = await listWebhookDeliveries(t.ctx, id, { limit: 10, beforeId: log[0]!.id });
    expect(older.map((d) => d.eventId)).toEqual([first]);

    const retried = await retryWebhookDelivery(t.ctx, id, log[1]!.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: MAX_ATTEMPTS, nextAttemptAt: t.clock.now().toString({ smallestUnit: 'millisecond' }) });
    expect(await dispatch(okSender)).toMatchObject({ claimed: 1, delivered: 1 });
    const [newest, retriedNow] = await listWebhookDeliveries(t.ctx, id, { limit: 10, beforeId: null });
    expect([newest?.status, retriedNow?.status, retriedNow?.lastStatusCode]).toEqual(['dead', 'delivered', 204]);
    expect((await auditOf(log[1]!.id)).map((e) => [e.action, e.entity_type])).toEqual([['retry', 'event_delivery']]);

    await expectAppError(retryWebhookDelivery(t.ctx, id, log[1]!.id), 'conflict');
    await expectAppError(retryWebhookDelivery(t.ctx, id, 'dlv_missing'), 'not_found');
  });

  it('refuses to retry on a disabled endpoint or through another endpoint', async () => {
    const a = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/x', eventTypes: ['invoice.issued'] });
    const b = await createWebhookEndpoint(t.ctx, { url: 'https://example.com/y', eventTypes: ['quote.accepted'] });
    await publishInvoiceIssued('inv_x');
    const [delivery] = await listWebhookDeliveries(t.ctx, a.id, { limit: 1, beforeId: null });
    await expectAppError(retryWebhookDelivery(t.ctx, b.id, delivery!.id), 'not_found');
    await updateWebhookEndpoint(t.ctx, a.id, { enabled: false }, 1);
    await expectAppError(retryWebhookDelivery(t.ctx, a.id, delivery!.id), 'business_rule_violated');
    await expectAppError(listWebhookDeliveries(t.ctx, 'whk_missing', { limit: 1, beforeId: null }), 'not_found');
  });
});

describe('publish targets within one transaction', () => {
  it('sees an endpoint created, disabled, enabled or deleted earlier in the publishing transaction', async () => {
    const publish = (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], n: number) =>
      publishEvent(tx, { type: 'probe.pinged', aggregateType: 'probe', aggregateId: `probe_${n}`, payload: {} }, { registry });
    const { endpointId, events } = await inTransaction(t.ctx, async (tx) => {
      const before = await publish(tx, 1);
      const endpoint = await createWebhookEndpoint(tx, { url: 'https://example.com/probe', eventTypes: ['probe.*'] });
      const created = await publish(tx, 2);
      await updateWebhookEndpoint(tx, endpoint.id, { enabled: false }, 1);
      const disabled = await publish(tx, 3);
      await updateWebhookEndpoint(tx, endpoint.id, { enabled: true }, 2);
      const enabled = await publish(tx, 4);
      await deleteWebhookEndpoint(tx, endpoint.id, 3);
      const deleted = await publish(tx, 5);
      return { endpointId: endpoint.id, events: [before, created, disabled, enabled, deleted] };
    });
    // Only this endpoint: earlier tests left '*' endpoints behind.
    const targetsOf = async (eventId: string) =>
      (await t.ctx.db.selectFrom('event_deliveries').select('target').where('event_id', '=', eventId).where('target', '=', endpointId).execute()).map((row) => row.target);
    expect(await Promise.all(events.map(targetsOf))).toEqual([[], [endpointId], [], [endpointId], []]);
  });
});
