import { subscriptionFromOrderSubscriber } from '../billing/index.ts';
import { commissionSubscribers } from '../commissions/index.ts';
import { orderFromQuoteSubscriber } from '../orders/index.ts';
import { paymentSubscribers } from '../payments/index.ts';
import type { Config } from '../shared/config.ts';
import type { Ctx } from '../shared/context.ts';
import { defaultSubscriberRegistry, startDispatcher, type Subscriber, type SubscriberRegistry } from '../shared/events/index.ts';

export type BackgroundWork = { stop(): Promise<void> };

/** Every domain's in-process subscribers (the order-to-cash chain, issue #4). */
export const APP_SUBSCRIBERS: readonly Subscriber[] = [orderFromQuoteSubscriber, subscriptionFromOrderSubscriber, ...commissionSubscribers, ...paymentSubscribers];

/**
 * Registers the app's subscribers once per process. Targets are fixed when an event is published,
 * so a process must register before it publishes anything the chain reacts to.
 */
export function registerAppSubscribers(registry: SubscriberRegistry = defaultSubscriberRegistry): void {
  for (const subscriber of APP_SUBSCRIBERS) if (!registry.find(subscriber.name)) registry.register(subscriber);
}

/** Long-running loops of a serving process: event delivery to subscribers and webhooks. */
export function startBackgroundWork(ctx: Ctx, config: Pick<Config, 'dispatchIntervalMs' | 'webhookTimeoutMs'>): BackgroundWork {
  registerAppSubscribers();
  const dispatcher = startDispatcher(ctx, { intervalMs: config.dispatchIntervalMs, webhookTimeoutMs: config.webhookTimeoutMs });
  return { stop: () => dispatcher.stop() };
}
