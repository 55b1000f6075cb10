import { inTransaction, type Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { assertVersion, nowOf } from './record-writes.ts';
import { getContactRow, updateContactRow } from './repo.ts';

/**
 * Soft delete: the row stays for history, audit, lead-conversion links and the import key, and
 * disappears from every read. Its e-mail is free again for a new contact (the dedupe index is
 * partial on live rows).
 */
export async function deleteContact(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getContactRow(tx, scope, request.id, 'update');
    assertVersion('Contact', before, request.expectedVersion);
    const now = nowOf(tx);
    await updateContactRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
