import { inTransaction, type Ctx } from '../shared/context.ts';
import { nowOf, versionConflict } from './catalog-db.ts';
import { getPriceBookRow, updatePriceBookRow } from './price-book-repo.ts';

/**
 * Soft delete: the book's price versions stay readable by id (quotes reference them), while the
 * book leaves lists and active price lookups. A deleted default simply stops being one.
 */
export async function deletePriceBook(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await getPriceBookRow(tx, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict('Price book', before.id, before.version, request.expectedVersion);
    const now = nowOf(tx);
    await updatePriceBookRow(tx, before, { deleted_at: now, updated_at: now, is_default: false }, 'delete');
  });
}
