import type { Ctx } from '../context.ts';
import type { ClaimedDelivery } from './deliveries-repo.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import type { SendWebhook } from './send-webhook.ts';
import type { DomainEvent } from './subscribers.ts';
import { findWebhookDeliveryEndpoint } from './webhook-targets.ts';

/** The JSON a webhook receives: Standard Webhooks' `type`, `timestamp`, `data`, plus the event id and aggregate. */
export function webhookBody(event: DomainEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    data: event.payload,
  });
}

/**
 * One HTTP attempt, outside any transaction: holding a transaction (on
 * PGlite, the only connection) across a slow endpoint would stall every
 * writer. A crash after the receiver answered but before the row is marked
 * repeats the POST later: at-least-once, and receivers dedupe on webhook-id.
 */
export async function runWebhookDelivery(
  ctx: Ctx,
  delivery: ClaimedDelivery,
  event: DomainEvent,
  options: { send: SendWebhook; timeoutMs: number },
): Promise<DeliveryOutcome> {
  const endpoint = await findWebhookDeliveryEndpoint(ctx.db, delivery.target);
  if (!endpoint) return { kind: 'failed', error: 'the webhook endpoint was deleted', statusCode: null, final: true };
  if (!endpoint.enabled) return { kind: 'failed', error: 'the webhook endpoint is disabled', statusCode: null, final: true };
  const result = await options.send({
    url: endpoint.url,
    secret: endpoint.secret,
    eventId: event.id,
    body: webhookBody(event),
    timeoutMs: options.timeoutMs,
    sentAt: ctx.clock.now(),
  });
  if (result.ok) return { kind: 'delivered', statusCode: result.status ?? null };
  return { kind: 'failed', error: result.error ?? 'the endpoint did not accept the webhook', statusCode: result.status ?? null, final: false };
}
