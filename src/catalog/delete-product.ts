import { inTransaction, type Ctx } from '../shared/context.ts';
import { ruleViolated } from '../shared/errors.ts';
import { bundleRoleOf } from './bundle-repo.ts';
import { lockCatalogKey, nowOf, versionConflict } from './catalog-db.ts';
import { getProductRow, updateProductRow } from './product-repo.ts';

/**
 * Soft delete: prices and quotes keep pointing at the row; it disappears from lists, reads and
 * active price lookups. Refused while the product is part of a bundle, so no bundle includes a
 * product that cannot be read.
 */
export async function deleteProduct(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await lockCatalogKey(tx, 'bundles');
    const before = await getProductRow(tx, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict('Product', before.id, before.version, request.expectedVersion);
    const role = await bundleRoleOf(tx, before.id);
    if (role.isBundle || role.isIncluded) throw ruleViolated(`Product ${before.id} is part of a bundle; remove its bundle items first`, { ...role });
    const now = nowOf(tx);
    await updateProductRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
