import { inTransaction, type Ctx } from '../../shared/context.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { getStageRow, toStage, updateStageRow, versionConflict } from './repo.ts';
import { updateStageSchema, type Stage, type UpdateStageInput } from './schema.ts';
import { closedStageDefaults } from './stage-rules.ts';

export type UpdateStageRequest = { key: string; expectedVersion: number; changes: UpdateStageInput };

/**
 * Label, default probability, forecast category and active flag. Deactivating keeps every
 * opportunity in the stage where it is; it only stops new moves into the stage. Existing
 * opportunities keep their own probability: the default applies when one enters the stage.
 */
export async function updateStage(ctx: Ctx, request: UpdateStageRequest): Promise<Stage> {
  const changes = parseInput(updateStageSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await getStageRow(tx, request.key, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.key, before.version, request.expectedVersion);
    const numbers = closedStageDefaults(
      before.kind,
      changes.defaultProbabilityBps ?? (before.kind === 'open' ? before.default_probability_bps : undefined),
      changes.forecastCategory ?? (before.kind === 'open' ? before.forecast_category : undefined),
    );
    const next = {
      label: changes.label ?? before.label,
      active: changes.active ?? before.active,
      default_probability_bps: numbers.defaultProbabilityBps,
      forecast_category: numbers.forecastCategory,
    };
    const unchanged = (Object.keys(next) as Array<keyof typeof next>).every((k) => next[k] === before[k]);
    if (unchanged) return toStage(before);
    const after = await updateStageRow(tx, before, { ...next, updated_at: new Date(tx.clock.now().epochMilliseconds) });
    return toStage(after);
  });
}
