import { toMinor } from '../metrics-explorer/metric-format.ts';
import type { SeriesPoint } from '../metrics-explorer/metrics-api.ts';
import { stageLabelOf } from '../pipeline/stage-label.ts';
import type { Stage } from '../pipeline/types.ts';
import type { Bucket } from './bucket-chart.tsx';

/**
 * Σ of the open deals per stage, in the stage order of their probabilities (prospecting before
 * negotiation), each named by the configured stage (a deal carries only the stage's key).
 */
export function stageBuckets(point: SeriesPoint, stages: readonly Pick<Stage, 'key' | 'label'>[]): Bucket[] {
  const totals = new Map<string, { amountMinor: bigint; probabilityBps: number }>();
  for (const deal of point.explain?.contributions ?? []) {
    if (deal['status'] !== 'open' || typeof deal['stage'] !== 'string') continue;
    const entry = totals.get(deal['stage']) ?? { amountMinor: 0n, probabilityBps: Number(deal['probabilityBps'] ?? 0) };
    entry.amountMinor += toMinor(deal['convertedMinor'] ?? deal['amountMinor']);
    totals.set(deal['stage'], entry);
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => x.probabilityBps - y.probabilityBps || a.localeCompare(b))
    .map(([stage, entry]) => ({ key: stage, label: stageLabelOf(stage, stages), amountMinor: entry.amountMinor }));
}
