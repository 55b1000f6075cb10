import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { getLeadRow, updateLeadRow } from './repo.ts';

/** Soft delete: the row stays for history, audit and the import key, and leaves every read. */
export async function deleteLead(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getLeadRow(tx, scope, request.id, 'update');
    assertVersion('Lead', before, request.expectedVersion);
    const now = nowOf(tx);
    await updateLeadRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
