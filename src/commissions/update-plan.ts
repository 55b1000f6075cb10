import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertRepsAssignable, getPlan, updatePlan as writePlan } from './plan-repo.ts';
import { updatePlanSchema, type CommissionPlan, type UpdatePlanInput } from './schema.ts';

/**
 * Changes a plan (absent fields unchanged). Entries already accrued keep their rate and amount —
 * they are immutable — so a new rate applies to bookings recorded from now on.
 */
export async function updatePlan(ctx: Ctx, id: string, input: UpdatePlanInput): Promise<CommissionPlan> {
  const { version, ...changes } = parseInput(updatePlanSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await getPlan(tx, id, true);
    if (version !== undefined && version !== before.version) {
      throw new AppError('version_conflict', `Commission plan ${id} is at version ${before.version}, not ${version}`, { extra: { currentVersion: before.version } });
    }
    const next = {
      name: changes.name ?? before.name,
      effectiveFromDate: changes.effectiveFromDate ?? before.effectiveFromDate,
      effectiveToDate: changes.effectiveToDate === undefined ? before.effectiveToDate : changes.effectiveToDate,
      clawbackDays: changes.clawbackDays ?? before.clawbackDays,
      rates: changes.rates ?? before.rates,
    };
    if (next.effectiveToDate !== null && next.effectiveToDate <= next.effectiveFromDate) {
      throw new AppError('validation_failed', 'effectiveToDate must be after effectiveFromDate', {
        fieldErrors: [{ field: 'body.effectiveToDate', message: `must be after ${next.effectiveFromDate}` }],
      });
    }
    const reps = [...new Set(changes.repUserIds ?? before.repUserIds)];
    await assertRepsAssignable(tx, reps, next.effectiveFromDate, next.effectiveToDate, id);
    return writePlan(tx, before, next, reps);
  });
}
