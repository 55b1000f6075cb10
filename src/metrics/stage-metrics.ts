import type { Ctx } from '../shared/context.ts';
import { divideRounded } from '../shared/money.ts';
import { loadOpenStages, loadStageStays, type StageStay } from './load-stage-stays.ts';
import type { MetricResult, RecordContribution, SeriesPoint, Unit } from './metric-types.ts';
import { ratio } from './ratio.ts';
import { explainOf, groupRecords, ownedBreakdown, pointBase } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const STAGE_METRICS = ['stage-conversion-rate', 'time-in-stage'] as const;
export type StageMetric = (typeof STAGE_METRICS)[number];
export const STAGE_UNITS: Record<StageMetric, Unit> = { 'stage-conversion-rate': 'ratio', 'time-in-stage': 'days' };
export const STAGE_FORMULAS: Record<StageMetric, string> = {
  'stage-conversion-rate': 'per open stage: opportunities that first entered it in the period and later reached a won stage or a later open stage ÷ all that first entered it in the period',
  'time-in-stage': 'per open stage: days between entering and leaving it (exact, UTC), stays left in the period; value = mean',
};

const DAY_MS = 86_400_000;
const isoDate = (at: Date) => at.toISOString().slice(0, 10);

export async function stageMetric(ctx: Ctx, name: StageMetric, request: ReportRequest): Promise<MetricResult> {
  const segmentOf = ownedBreakdown<StageStay>(request, name);
  const [stages, stays] = await Promise.all([loadOpenStages(ctx, request.asOf ?? null), loadStageStays(ctx, request.periods, request.asOf ?? null, request.ownerScope)]);
  const series = stages.flatMap((stage) => {
    const ofStage = stays.filter((stay) => stay.stage === stage);
    const groups = name === 'stage-conversion-rate'
      ? groupRecords(ofStage.filter((s) => s.firstEntry), request, (s) => isoDate(s.enteredAt), segmentOf)
      : groupRecords(ofStage, request, (s) => (s.leftAt ? isoDate(s.leftAt) : null), segmentOf);
    return groups.map((group): SeriesPoint => {
      const base = { ...pointBase(group), stage };
      const contributions = group.records.map(stayContribution);
      if (name === 'stage-conversion-rate') {
        const advanced = group.records.filter((s) => s.advanced).length;
        const lost = group.records.filter((s) => s.lost).length;
        const entered = group.records.length;
        return { ...base, value: ratio(advanced, entered), entered, advanced, lost, open: entered - advanced - lost,
          ...explainOf(request, group.period, { formula: STAGE_FORMULAS[name], numerator: advanced, denominator: entered, contributions }, { timeBasis: 'entered_at' }) };
      }
      const durations = group.records.map((s) => (s.leftAt?.getTime() ?? 0) - s.enteredAt.getTime());
      return { ...base, ...durationFigures(durations), ...explainOf(request, group.period, { formula: STAGE_FORMULAS[name], contributions }, { timeBasis: 'left_at' }) };
    });
  });
  return { metric: name, unit: STAGE_UNITS[name], series };
}

/** Mean and median of exact durations in days, each rounded once half-even to 2 decimals. */
function durationFigures(durationsMs: readonly number[]) {
  const n = durationsMs.length;
  if (n === 0) return { value: null, mean: null, median: null, count: 0 };
  const days = (totalMs: bigint, count: bigint) => Number(divideRounded(totalMs * 100n, count * BigInt(DAY_MS), 'half_even')) / 100;
  const mean = days(durationsMs.reduce((sum, ms) => sum + BigInt(ms), 0n), BigInt(n));
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const upper = BigInt(sorted[n >> 1] ?? 0);
  const median = n % 2 === 1 ? days(upper, 1n) : days(BigInt(sorted[(n >> 1) - 1] ?? 0) + upper, 2n);
  return { value: mean, mean, median, count: n };
}

function stayContribution(stay: StageStay): RecordContribution {
  return {
    recordType: 'stage_stay', id: stay.opportunityId, accountId: stay.accountId, stage: stay.stage, enteredAt: stay.enteredAt.toISOString(), leftAt: stay.leftAt?.toISOString() ?? null,
    outcome: stay.advanced ? 'advanced' : stay.lost ? 'lost' : 'open', ...(stay.leftAt ? { days: (stay.leftAt.getTime() - stay.enteredAt.getTime()) / DAY_MS } : {}),
  };
}
