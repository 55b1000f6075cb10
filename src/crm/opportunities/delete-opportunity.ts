import { inTransaction, type Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { getOpportunityRow, updateOpportunityRow, versionConflict } from './repo.ts';
import { assertOpportunityWritable } from './scope.ts';

/**
 * Soft delete: the row, its stage history and its import key stay (history and audit keep their
 * meaning, a re-import finds it); every read leaves it out.
 */
export async function deleteOpportunity(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getOpportunityRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    assertOpportunityWritable(scope, before);
    const now = new Date(tx.clock.now().epochMilliseconds);
    await updateOpportunityRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
