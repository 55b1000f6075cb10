import type { Config } from '../shared/config.ts';
import type { Ctx } from '../shared/context.ts';
import { startDispatcher } from '../shared/events/index.ts';

export type BackgroundWork = { stop(): Promise<void> };

/** Long-running loops of a serving process: event delivery to subscribers and webhooks. */
export function startBackgroundWork(ctx: Ctx, config: Pick<Config, 'dispatchIntervalMs' | 'webhookTimeoutMs'>): BackgroundWork {
  const dispatcher = startDispatcher(ctx, { intervalMs: config.dispatchIntervalMs, webhookTimeoutMs: config.webhookTimeoutMs });
  return { stop: () => dispatcher.stop() };
}
