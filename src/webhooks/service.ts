import { recordAudit } from '../shared/audit.ts';
import { type Ctx, inTransaction } from '../shared/context.ts';
import { AppError, assert, notFound, ruleViolated } from '../shared/errors.ts';
import {
  abandonPendingDeliveries, type DeliveryLogEntry, findDelivery, generateWebhookSecret, listDeliveries, requeueDelivery,
} from '../shared/events/index.ts';
import { newId } from '../shared/ids.ts';
import { deleteEndpoint, findEndpoint, insertEndpoint, listEndpoints, updateEndpoint } from './repo.ts';
import type { CreatedWebhookEndpoint, CreateWebhookInput, UpdateWebhookInput, WebhookDelivery, WebhookEndpoint } from './schema.ts';

const ENTITY = 'webhook_endpoint';
const nowOf = (ctx: Ctx): Date => new Date(ctx.clock.now().epochMilliseconds);

/** Audit images show that an endpoint has a secret, never the secret (the audit log is readable by more people). */
function auditImage(endpoint: WebhookEndpoint): Record<string, unknown> {
  return { ...endpoint, secret: '[redacted]' };
}

function assertVersion(endpoint: WebhookEndpoint, expectedVersion: number): void {
  if (endpoint.version === expectedVersion) return;
  throw new AppError('version_conflict', `Webhook endpoint ${endpoint.id} is at version ${endpoint.version}, not ${expectedVersion}; reload it and try again`, {
    extra: { currentVersion: endpoint.version },
  });
}

function toDelivery(entry: DeliveryLogEntry): WebhookDelivery {
  return {
    id: entry.id,
    eventId: entry.eventId,
    eventType: entry.eventType,
    status: entry.status,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: entry.lastStatusCode,
    lastError: entry.lastError,
    deliveredAt: entry.deliveredAt?.toISOString() ?? null,
    createdAt: entry.createdAt.toISOString(),
  };
}

/** Creates an endpoint with a fresh signing secret, returned here once and never again. */
export async function createWebhookEndpoint(ctx: Ctx, input: CreateWebhookInput): Promise<CreatedWebhookEndpoint> {
  const secret = generateWebhookSecret();
  return inTransaction(ctx, async (tx) => {
    const endpoint = await insertEndpoint(tx, {
      id: newId('whk'),
      url: input.url,
      secret,
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      now: nowOf(tx),
    });
    await recordAudit(tx, { action: 'create', entityType: ENTITY, entityId: endpoint.id, before: null, after: auditImage(endpoint) });
    return { ...endpoint, secret };
  });
}

export async function getWebhookEndpoint(ctx: Ctx, id: string): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(ctx, id);
  if (!endpoint) throw notFound('Webhook endpoint', id);
  return endpoint;
}

export async function listWebhookEndpoints(ctx: Ctx, input: { limit: number; afterId: string | null }): Promise<WebhookEndpoint[]> {
  return listEndpoints(ctx, input);
}

export async function updateWebhookEndpoint(ctx: Ctx, id: string, input: UpdateWebhookInput, expectedVersion: number): Promise<WebhookEndpoint> {
  if (Object.values(input).every((value) => value === undefined)) {
    throw new AppError('validation_failed', 'Send at least one of url, eventTypes, description, enabled', {
      fieldErrors: [{ field: 'body', message: 'send at least one of url, eventTypes, description, enabled' }],
    });
  }
  return inTransaction(ctx, async (tx) => {
    // Locked, so the version compared here is the one the update replaces.
    const before = await findEndpoint(tx, id, { forUpdate: true });
    if (!before) throw notFound('Webhook endpoint', id);
    assertVersion(before, expectedVersion);
    const eventTypes = input.eventTypes && [...new Set(input.eventTypes)];
    const after = await updateEndpoint(tx, id, expectedVersion, { ...input, ...(eventTypes ? { eventTypes } : {}), now: nowOf(tx) });
    assert(after, `webhook endpoint ${id} changed while locked`);
    await recordAudit(tx, { action: 'update', entityType: ENTITY, entityId: id, before: auditImage(before), after: auditImage(after) });
    return after;
  });
}

/**
 * Deletes the endpoint for good (to pause one, PATCH enabled=false), if it is
 * still at the version the caller saw, like every other change. Its
 * pending deliveries become dead in the same transaction so nothing keeps
 * retrying a receiver that was removed; their rows stay as history.
 */
export async function deleteWebhookEndpoint(ctx: Ctx, id: string, expectedVersion: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await findEndpoint(tx, id, { forUpdate: true });
    if (!before) throw notFound('Webhook endpoint', id);
    assertVersion(before, expectedVersion);
    await abandonPendingDeliveries(tx, { targetKind: 'webhook', target: id, reason: 'the webhook endpoint was deleted' });
    await deleteEndpoint(tx, id);
    await recordAudit(tx, { action: 'delete', entityType: ENTITY, entityId: id, before: auditImage(before), after: null });
  });
}

/** Newest first. */
export async function listWebhookDeliveries(ctx: Ctx, id: string, input: { limit: number; beforeId: string | null }): Promise<WebhookDelivery[]> {
  await getWebhookEndpoint(ctx, id);
  const entries = await listDeliveries(ctx, { targetKind: 'webhook', target: id, ...input });
  return entries.map(toDelivery);
}

/** Makes a pending or dead delivery due now: one more attempt, the schedule continuing from its attempt count. */
export async function retryWebhookDelivery(ctx: Ctx, id: string, deliveryId: string): Promise<WebhookDelivery> {
  return inTransaction(ctx, async (tx) => {
    const endpoint = await getWebhookEndpoint(tx, id);
    // Guard: the dispatcher gives up at once on a disabled endpoint, so the retry would only fail.
    if (!endpoint.enabled) throw ruleViolated(`Webhook endpoint ${id} is disabled; enable it before retrying its deliveries`);
    const ref = { targetKind: 'webhook' as const, target: id, id: deliveryId };
    const before = await findDelivery(tx, ref);
    if (!before) throw notFound('Webhook delivery', deliveryId);
    if (before.status === 'delivered') throw new AppError('conflict', `Delivery ${deliveryId} was already delivered`);
    await requeueDelivery(tx, ref);
    const after = await findDelivery(tx, ref);
    assert(after, `delivery ${deliveryId} vanished during retry`);
    const image = (d: DeliveryLogEntry) => ({ status: d.status, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt });
    await recordAudit(tx, { action: 'retry', entityType: 'event_delivery', entityId: deliveryId, before: image(before), after: image(after) });
    return toDelivery(after);
  });
}
