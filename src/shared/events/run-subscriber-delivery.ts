import type { Ctx, TxCtx } from '../context.ts';
import type { ClaimedDelivery } from './deliveries-repo.ts';
import { markDelivered } from './deliveries-repo.ts';
import { type DeliveryOutcome, describeError } from './delivery-outcome.ts';
import { claimProcessedEvent } from './outbox-repo.ts';
import type { DomainEvent, SubscriberRegistry } from './subscribers.ts';

/**
 * Runs the handler, the processed_events guard and the "delivered" mark in
 * one transaction: either all three commit or none does. A crash before
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
      };
      const now = new Date(ctx.clock.now().epochMilliseconds);
      if (await claimProcessedEvent(tx, subscriber.name, event.id, now)) await subscriber.handle(tx, event);
      await markDelivered(trx, delivery.id, { now, statusCode: null });
    });
    return { kind: 'recorded' };
  } catch (error) {
    return { kind: 'failed', error: describeError(error), statusCode: null, final: false };
  }
}
