import { startDailyScheduler } from '../automation/index.ts';
import { subscriptionFromOrderSubscriber } from '../billing/index.ts';
import { commissionSubscribers } from '../commissions/index.ts';
import { customerSinceSubscriber } from '../crm/index.ts';
import { orderFromQuoteSubscriber } from '../orders/index.ts';
import { configuredMailer, paymentSubscribers } from '../payments/index.ts';
import type { Config } from '../shared/config.ts';
import type { Ctx } from '../shared/context.ts';
import { defaultSubscriberRegistry, startDispatcher, type Subscriber, type SubscriberRegistry } from '../shared/events/index.ts';

export type BackgroundWork = { stop(): Promise<void> };

/** Every domain's in-process subscribers (the order-to-cash chain, issue #4; an account's first order makes it a customer). */
export const APP_SUBSCRIBERS: readonly Subscriber[] = [orderFromQuoteSubscriber, subscriptionFromOrderSubscriber, customerSinceSubscriber, ...commissionSubscribers, ...paymentSubscribers];

/**
 * Registers the app's subscribers once per process. Targets are fixed when an event is published,
 * so a process must register before it publishes anything the chain reacts to.
 */
export function registerAppSubscribers(registry: SubscriberRegistry = defaultSubscriberRegistry): void {
  for (const subscriber of APP_SUBSCRIBERS) if (!registry.find(subscriber.name)) registry.register(subscriber);
}

type BackgroundConfig = Pick<Config, 'dispatchIntervalMs' | 'webhookTimeoutMs' | 'scheduler' | 'smtpUrl' | 'outboxDir' | 'mailFrom'>;

/**
 * Long-running loops of a serving process: event delivery to subscribers and webhooks, and the
 * daily finance run (billing, recognition, dunning) unless REVLINE_SCHEDULER=off.
 */
export function startBackgroundWork(ctx: Ctx, config: BackgroundConfig): BackgroundWork {
  registerAppSubscribers();
  const dispatcher = startDispatcher(ctx, { intervalMs: config.dispatchIntervalMs, webhookTimeoutMs: config.webhookTimeoutMs });
  const { enabled, checkMs, timeOfDay, timeZone } = config.scheduler;
  const scheduler = enabled
    ? startDailyScheduler(ctx, { timeOfDay, timeZone, mailer: configuredMailer(config), mailFrom: config.mailFrom, retryAfterMs: 30 * 60_000 }, checkMs)
    : null;
  return {
    stop: async () => {
      await scheduler?.stop();
      await dispatcher.stop();
    },
  };
}
