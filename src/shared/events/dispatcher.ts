import type { Ctx } from '../context.ts';
import { assert } from '../errors.ts';
import { retryDelayMs } from './backoff.ts';
import { type ClaimedDelivery, claimDueDeliveriesWithEvents, markDelivered, markFailed } from './deliveries-repo.ts';
import { type DeliveryOutcome, describeError } from './delivery-outcome.ts';
import { createCommitWaiter, onOutboxSignal } from './outbox-signal.ts';
import { runSubscriberDelivery } from './run-subscriber-delivery.ts';
import { runWebhookDelivery } from './run-webhook-delivery.ts';
import { type SendWebhook, sendWebhook as realSendWebhook } from './send-webhook.ts';
import { defaultSubscriberRegistry, type DomainEvent, type SubscriberRegistry } from './subscribers.ts';

export type DispatchOptions = {
  registry?: SubscriberRegistry;
  sendWebhook?: SendWebhook;
  batchSize?: number;
  /** How long a claim is exclusive; after it a crashed dispatcher's rows are due again. */
  leaseMs?: number;
  webhookTimeoutMs?: number;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
};

export type DispatchResult = { claimed: number; delivered: number; retrying: number; dead: number; skipped: number };

const DEFAULTS = { batchSize: 20, leaseMs: 5 * 60_000, webhookTimeoutMs: 10_000 };

type Settings = Required<DispatchOptions>;

function settingsOf(options: DispatchOptions): Settings {
  return {
    registry: options.registry ?? defaultSubscriberRegistry,
    sendWebhook: options.sendWebhook ?? realSendWebhook,
    batchSize: options.batchSize ?? DEFAULTS.batchSize,
    leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
    webhookTimeoutMs: options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs,
    random: options.random ?? Math.random,
  };
}

async function attempt(ctx: Ctx, delivery: ClaimedDelivery, event: DomainEvent, s: Settings): Promise<DeliveryOutcome> {
  try {
    return delivery.targetKind === 'subscriber'
      ? await runSubscriberDelivery(ctx, delivery, event, s.registry)
      : await runWebhookDelivery(ctx, delivery, event, { send: s.sendWebhook, timeoutMs: s.webhookTimeoutMs });
  } catch (error) {
    // One bad row (a corrupt secret, a lost connection) must not stop the batch.
    return { kind: 'failed', error: describeError(error), statusCode: null, final: false };
  }
}

async function settle(ctx: Ctx, delivery: ClaimedDelivery, outcome: DeliveryOutcome, s: Settings): Promise<'delivered' | 'retrying' | 'dead'> {
  if (outcome.kind === 'recorded') return 'delivered';
  if (outcome.kind === 'delivered') {
    await markDelivered(ctx.db, delivery.id, { now: new Date(ctx.clock.now().epochMilliseconds), statusCode: outcome.statusCode });
    return 'delivered';
  }
  const delayMs = outcome.final ? null : retryDelayMs(delivery.attempts + 1, s.random);
  const nextAttemptAt = delayMs === null ? null : new Date(ctx.clock.now().epochMilliseconds + delayMs);
  await markFailed(ctx.db, delivery.id, { error: outcome.error, statusCode: outcome.statusCode, nextAttemptAt });
  ctx.log.warn({ deliveryId: delivery.id, eventId: delivery.eventId, target: delivery.target, error: outcome.error, nextAttemptAt }, 'event delivery failed');
  return nextAttemptAt === null ? 'dead' : 'retrying';
}

/** Claims one batch of due deliveries and attempts each once, in order. */
export async function dispatchDueDeliveries(ctx: Ctx, options: DispatchOptions = {}): Promise<DispatchResult> {
  // Guard: inside a caller's transaction the handlers' commits and the HTTP calls would hang on it.
  assert(!ctx.db.isTransaction, 'dispatchDueDeliveries runs outside transactions');
  const s = settingsOf(options);
  const nowMs = ctx.clock.now().epochMilliseconds;
  // The claim answers with the claimed deliveries' events (one statement).
  const { deliveries: claimed, events } = await claimDueDeliveriesWithEvents(ctx.db, { now: new Date(nowMs), leaseUntil: new Date(nowMs + s.leaseMs), limit: s.batchSize });
  const result: DispatchResult = { claimed: claimed.length, delivered: 0, retrying: 0, dead: 0, skipped: 0 };
  for (const delivery of claimed) {
    // A batch that outlived its lease may already be in another dispatcher's hands: leave the rest to it.
    if (ctx.clock.now().epochMilliseconds >= delivery.lockedUntil.getTime()) {
      result.skipped += 1;
      continue;
    }
    const event = events.get(delivery.eventId);
    assert(event, `delivery ${delivery.id} points at missing event ${delivery.eventId}`);
    result[await settle(ctx, delivery, await attempt(ctx, delivery, event, s), s)] += 1;
  }
  return result;
}

export type DispatcherOptions = DispatchOptions & { intervalMs?: number };
export type Dispatcher = { stop(): Promise<void> };

/**
 * Dispatches in a loop: at once after an in-process publish commits (see
 * outbox-signal.ts), and every `intervalMs` as the safety net for events from
 * other processes, retries coming due and leases running out.
 */
export function startDispatcher(ctx: Ctx, options: DispatcherOptions = {}): Dispatcher {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = settingsOf(options).batchSize;
  let stopped = false;
  let woken = false;
  let interruptSleep: () => void = () => undefined;
  const wake = (): void => {
    woken = true;
    interruptSleep();
  };
  const waiter = createCommitWaiter(ctx.db, {
    timeoutMs: intervalMs,
    onEnded: wake,
    onError: (error) => ctx.log.debug({ err: error }, 'waiting for a publishing transaction timed out; the poll will pick it up'),
  });
  const unsubscribe = onOutboxSignal((key) => waiter.add(key));
  const sleep = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      interruptSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      try {
        // A full batch means more may be due: keep going before sleeping.
        while (!stopped && (await dispatchDueDeliveries(ctx, options)).claimed === batchSize);
      } catch (error) {
        ctx.log.error({ err: error }, 'event dispatch failed; retrying after the interval');
      }
      if (!stopped && !woken) await sleep();
    }
  })();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      interruptSleep();
      await loop;
      await waiter.idle();
    },
  };
}
