import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { BundleItem, BundleItemRow } from './bundle-schema.ts';
import { catalogDb, withConstraintErrors } from './catalog-db.ts';

export function toBundleItem(row: BundleItemRow): BundleItem {
  return {
    id: row.id,
    bundleProductId: row.bundle_product_id,
    includedProductId: row.included_product_id,
    quantity: row.quantity,
    pricing: row.pricing,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findBundleItemRows(ctx: Ctx, bundleProductId: string): Promise<BundleItemRow[]> {
  return catalogDb(ctx).selectFrom('bundle_items').selectAll().where('bundle_product_id', '=', bundleProductId).orderBy('id').execute();
}

export async function findBundleItemRow(ctx: Ctx, bundleProductId: string, id: string): Promise<BundleItemRow | undefined> {
  return catalogDb(ctx).selectFrom('bundle_items').selectAll().where('id', '=', id).where('bundle_product_id', '=', bundleProductId).executeTakeFirst();
}

/** Whether the product takes part in any bundle, as the bundle or as an included product. */
export async function bundleRoleOf(ctx: Ctx, productId: string): Promise<{ isBundle: boolean; isIncluded: boolean }> {
  const exists = async (column: 'bundle_product_id' | 'included_product_id') =>
    (await catalogDb(ctx).selectFrom('bundle_items').select('id').where(column, '=', productId).limit(1).executeTakeFirst()) !== undefined;
  return { isBundle: await exists('bundle_product_id'), isIncluded: await exists('included_product_id') };
}

export async function insertBundleItem(tx: TxCtx, row: BundleItemRow): Promise<BundleItemRow> {
  const inserted = await withConstraintErrors(catalogDb(tx).insertInto('bundle_items').values(row).returningAll().executeTakeFirstOrThrow());
  await recordAudit(tx, { action: 'create', entityType: 'bundle_item', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Bundle items are configuration, not financial records: removed outright, the audit row keeps what was there. */
export async function deleteBundleItemRow(tx: TxCtx, before: BundleItemRow): Promise<void> {
  await catalogDb(tx).deleteFrom('bundle_items').where('id', '=', before.id).execute();
  await recordAudit(tx, { action: 'delete', entityType: 'bundle_item', entityId: before.id, before, after: null });
}
