import type { Subscriber } from '../../shared/events/index.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { applyOrderToSubscription } from './apply-order-to-subscription.ts';
import { orderPlacedSchema } from './order-placed-schema.ts';

/**
 * `order.placed` → subscription created or amended, first invoice drafted. Runs once per event in
 * the dispatcher's transaction; a failure rolls the whole step back and leaves the delivery failed
 * with its error (visible in the delivery log, retried with backoff, re-queueable).
 */
export const subscriptionFromOrderSubscriber: Subscriber = {
  name: 'billing.subscription-from-order',
  eventTypes: ['order.placed'],
  async handle(tx, event) {
    await applyOrderToSubscription(tx, parseInput(orderPlacedSchema, event.payload, 'payload'));
  },
};
