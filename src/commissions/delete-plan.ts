import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { deletePlanRow, getPlan, planHasEntries } from './plan-repo.ts';

/** Deletes a plan nothing was paid under; a plan with entries is ended instead (effectiveToDate). */
export async function deletePlan(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await getPlan(tx, id, true);
    if (await planHasEntries(tx, id)) {
      throw new AppError('conflict', `Commission plan ${id} has commission entries; end it with effectiveToDate instead of deleting it`);
    }
    await deletePlanRow(tx, before);
  });
}
