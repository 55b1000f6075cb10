import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { ruleViolated } from '../shared/errors.ts';
import { ownerScope } from './owner-scope.ts';
import { countLiveChildren, getAccountRow, updateAccountRow, versionConflict } from './repo.ts';

/**
 * Soft delete: the row stays for history, audit and the import key, and disappears from every
 * read. Refused while live child accounts point at it, so the hierarchy never hangs off a deleted
 * parent (children count whoever owns them; only the number is reported).
 */
export async function deleteAccount(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getAccountRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    const childCount = await countLiveChildren(tx, before.id);
    if (childCount > 0) {
      throw ruleViolated(`Account ${before.id} has ${childCount} child account(s); delete or re-parent them first`, { childCount });
    }
    const now = new Date(tx.clock.now().epochMilliseconds);
    await updateAccountRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
