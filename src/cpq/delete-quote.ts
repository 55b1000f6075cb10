import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { nowOf, versionConflict } from './cpq-db.ts';
import { getQuoteRow, updateQuoteRow } from './quote-repo.ts';

/**
 * Soft-deletes a draft that is not a revision: anything sent or approved is a document, and a
 * revision's predecessor is already superseded, so deleting the revision would leave the
 * opportunity without a current quote. The row stays (soft delete) with its audit trail.
 */
export async function deleteQuote(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await getQuoteRow(tx, await ownerScope(tx), request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict('Quote', before.id, before.version, request.expectedVersion);
    if (before.status !== 'draft' || before.revised_from_quote_id !== null) {
      throw new AppError('conflict', `Quote ${before.id} is ${before.revised_from_quote_id === null ? before.status : 'a revision'}; only a new draft can be deleted`);
    }
    await updateQuoteRow(tx, before, { deleted_at: nowOf(tx) }, 'delete');
  });
}
