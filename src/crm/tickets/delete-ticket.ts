import { inTransaction, type Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { getTicketRow, updateTicketRow, versionConflict } from './repo.ts';

/** Soft delete: the ticket stays for audit, CSAT history and its import key; reads leave it out. */
export async function deleteTicket(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getTicketRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    const now = new Date(tx.clock.now().epochMilliseconds);
    await updateTicketRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
