import type { Ctx } from '../shared/context.ts';
import { dispatchDueDeliveries } from '../shared/events/index.ts';

/**
 * Runs the order-to-cash subscribers until nothing is due: what the server's dispatcher loop does
 * after a commit, done inline so simulated time does not move on before the chain has run.
 */
export async function drainEvents(ctx: Ctx): Promise<number> {
  let delivered = 0;
  for (let round = 0; round < 1000; round += 1) {
    const result = await dispatchDueDeliveries(ctx, { batchSize: 100, random: () => 0.5 });
    delivered += result.delivered;
    if (result.claimed === 0) return delivered;
    // Guard: a failed delivery waits for its retry time; on the fake clock that never comes, so stop
    // and let the caller's invariant checks (and the delivery log) show it.
    if (result.delivered === 0) return delivered;
  }
  return delivered;
}
