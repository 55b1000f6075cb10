import type { Config } from '../shared/config.ts';
import type { Ctx } from '../shared/context.ts';

export type BackgroundWork = { stop(): Promise<void> };

/** Long-running loops of a serving process (event delivery, schedulers). */
export function startBackgroundWork(_ctx: Ctx, _config: Config): BackgroundWork {
  return { stop: async () => {} };
}
