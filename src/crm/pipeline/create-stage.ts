import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findStageRows, insertStage, nextSortOrder, toStage } from './repo.ts';
import { createStageSchema, MAX_STAGES, type CreateStageInput, type Stage } from './schema.ts';
import { closedStageDefaults } from './stage-rules.ts';

/** Appends a stage at the end of the pipeline; reorderStages moves it. */
export async function createStage(ctx: Ctx, input: CreateStageInput): Promise<Stage> {
  const parsed = parseInput(createStageSchema, input);
  const numbers = closedStageDefaults(parsed.kind, parsed.defaultProbabilityBps, parsed.forecastCategory);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    // Lock the whole (small) table: two concurrent creates would otherwise take the same sort order.
    const existing = await findStageRows(tx, {}, 'update');
    if (existing.length >= MAX_STAGES) {
      throw new AppError('business_rule_violated', `A pipeline has at most ${MAX_STAGES} stages; deactivate unused ones`);
    }
    const row = await insertStage(tx, {
      key: parsed.key,
      label: parsed.label,
      kind: parsed.kind,
      default_probability_bps: numbers.defaultProbabilityBps,
      forecast_category: numbers.forecastCategory,
      active: parsed.active,
      sort_order: await nextSortOrder(tx),
      created_at: now,
      updated_at: now,
    });
    return toStage(row);
  });
}
