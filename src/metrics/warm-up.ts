import type { Ctx } from '../shared/context.ts';
import { computeMetric, listMetrics } from './metric-catalog.ts';
import { withRequestMemo } from './request-memo.ts';

/**
 * Computes every metric of the catalogue once, over the last twelve months, right after the server
 * starts (serve.ts), so the first visitor's dashboard does not pay for compiling the metrics code,
 * loading the MRR store and warming the database's caches: ~600 ms of CPU on the demo data
 * (docs/architecture.md, issue #7). Reads only; a metric that fails is left to its first request.
 * `stopped()` is asked between metrics so a shutdown does not wait for the whole round.
 */
export async function warmUpMetrics(ctx: Ctx, stopped: () => boolean = () => false): Promise<{ computed: number; failed: number }> {
  const month = ctx.clock.today().toPlainYearMonth();
  const query = { from: month.subtract({ months: 11 }).toString(), to: month.toString() };
  const batch = withRequestMemo(ctx);
  let computed = 0;
  let failed = 0;
  for (const metric of listMetrics()) {
    if (stopped()) break;
    const interval = metric.intervals.includes('month') ? 'month' : metric.intervals[0];
    try {
      await computeMetric(batch, metric.name, { ...query, interval });
      computed += 1;
    } catch (error) {
      failed += 1;
      ctx.log.debug({ err: error, metric: metric.name }, 'metrics warm-up: metric failed');
    }
  }
  return { computed, failed };
}
