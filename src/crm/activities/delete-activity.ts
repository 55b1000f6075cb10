import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { getActivityRow, updateActivityRow } from './repo.ts';

/** Soft delete: the row stays for audit and the import key, and leaves every read. */
export async function deleteActivity(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getActivityRow(tx, scope, request.id, 'update');
    assertVersion('Activity', before, request.expectedVersion);
    const now = nowOf(tx);
    await updateActivityRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
