import { flushAuditEntries } from '../audit.ts';
import type { Ctx, TxCtx } from '../context.ts';
import type { ClaimedDelivery } from './deliveries-repo.ts';
import { type DeliveryOutcome, describeError } from './delivery-outcome.ts';
import { claimEventAndMarkDelivered } from './outbox-repo.ts';
import type { DomainEvent, SubscriberRegistry } from './subscribers.ts';

/**
 * Runs the handler, the processed_events guard and the "delivered" mark in
 * one transaction: either all three commit or none does (the handler's audit
 * entries too: appended just before commit, as inTransaction does). A crash before
 * commit leaves the delivery pending (retried when its lease runs out); a
 * repeated delivery finds the guard row and skips the handler.
 */
export async function runSubscriberDelivery(
  ctx: Ctx,
  delivery: ClaimedDelivery,
  event: DomainEvent,
  registry: SubscriberRegistry,
): Promise<DeliveryOutcome> {
  const subscriber = registry.find(delivery.target);
  if (!subscriber) {
    // Not final: another process (or the next deploy) may have it registered.
    return { kind: 'failed', error: `no subscriber named ${delivery.target} is registered in this process`, statusCode: null, final: false };
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tx: TxCtx = {
        ...ctx,
        db: trx,
        // The request that published the event, so audit rows written by the handler trace back to it.
        requestId: event.requestId ?? ctx.requestId,
        log: ctx.log.child({ eventId: event.id, eventType: event.type, subscriber: subscriber.name }),
        // Buffered like inTransaction's: the handler's audit entries are appended together just before commit.
        pendingAudit: [],
      };
      const now = new Date(ctx.clock.now().epochMilliseconds);
      if (await claimEventAndMarkDelivered(tx, { subscriber: subscriber.name, eventId: event.id, deliveryId: delivery.id, now })) await subscriber.handle(tx, event);
      await flushAuditEntries(tx);
    });
    return { kind: 'recorded' };
  } catch (error) {
    return { kind: 'failed', error: describeError(error), statusCode: null, final: false };
  }
}
