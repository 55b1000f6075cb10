import { z } from 'zod';
import type { Subscriber } from '../shared/events/index.ts';
import { placeOrderFromQuote } from './place-order.ts';

const quoteAcceptedSchema = z.object({ quoteId: z.string().min(1), acceptedAt: z.string().datetime() });

/**
 * `quote.accepted` → opportunity won, booking, order, provisioning request (place-order.ts). The
 * dispatcher runs it in a transaction guarded by processed_events; a thrown error rolls it all
 * back and leaves the delivery to be retried with backoff (visible in the delivery log).
 */
export const orderFromQuoteSubscriber: Subscriber = {
  name: 'orders.place-from-quote',
  eventTypes: ['quote.accepted'],
  async handle(tx, event) {
    // The dispatcher's transaction buffers audit entries (run-subscriber-delivery.ts): the order's
    // writes (opportunity, order, booking) append to the chain together just before commit.
    await placeOrderFromQuote(tx, quoteAcceptedSchema.parse(event.payload));
  },
};
