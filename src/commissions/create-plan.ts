import { inTransaction, type Ctx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertRepsAssignable, insertPlan } from './plan-repo.ts';
import { createPlanSchema, type CommissionPlan, type CreatePlanInput } from './schema.ts';

/** A comp plan as data: dated, its rates by deal type and product family, its reps. */
export async function createPlan(ctx: Ctx, input: CreatePlanInput): Promise<CommissionPlan> {
  const parsed = parseInput(createPlanSchema, input);
  const reps = [...new Set(parsed.repUserIds)];
  return inTransaction(ctx, async (tx) => {
    await assertRepsAssignable(tx, reps, parsed.effectiveFromDate, parsed.effectiveToDate, null);
    const { repUserIds: _reps, ...columns } = parsed;
    return insertPlan(tx, newId('cpl'), columns, reps);
  });
}
