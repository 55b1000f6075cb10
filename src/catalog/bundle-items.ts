import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { bundleRoleOf, deleteBundleItemRow, findBundleItemRow, findBundleItemRows, insertBundleItem, toBundleItem } from './bundle-repo.ts';
import { addBundleItemSchema, type AddBundleItemInput, type BundleItem } from './bundle-schema.ts';
import { lockCatalogKey, nowOf } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { fieldError } from './field-errors.ts';
import { findProductRow, getProductRow } from './product-repo.ts';

export async function listBundleItems(ctx: Ctx, bundleProductId: string): Promise<BundleItem[]> {
  await getProductRow(ctx, bundleProductId);
  return (await findBundleItemRows(ctx, bundleProductId)).map(toBundleItem);
}

/**
 * Adds a product to a bundle. Bundles are one level deep (an included product is never a bundle
 * itself), so a quote expands a bundle once and no cycle can form; the lock keeps two concurrent
 * additions from building two levels between them.
 */
export async function addBundleItem(ctx: Ctx, input: AddBundleItemInput): Promise<BundleItem> {
  const item = parseInput(addBundleItemSchema, input);
  if (item.includedProductId === item.bundleProductId) throw fieldError('body.includedProductId', 'a bundle cannot include itself');
  return inTransaction(ctx, async (tx) => {
    await lockCatalogKey(tx, 'bundles');
    const bundle = await getProductRow(tx, item.bundleProductId, 'share');
    const included = await findProductRow(tx, item.includedProductId, 'share');
    if (!included) throw fieldError('body.includedProductId', 'unknown product', `Product ${item.includedProductId} does not exist`);
    if ((await bundleRoleOf(tx, included.id)).isBundle) throw nestingError('body.includedProductId', `${included.sku} is a bundle itself`);
    if ((await bundleRoleOf(tx, bundle.id)).isIncluded) throw nestingError('body.includedProductId', `${bundle.sku} is included in another bundle`);
    const row = { id: newId('bnd'), bundle_product_id: bundle.id, included_product_id: included.id, quantity: item.quantity, pricing: item.pricing, created_at: nowOf(tx) };
    return toBundleItem(await insertBundleItem(tx, row));
  });
}

export async function removeBundleItem(ctx: Ctx, request: { bundleProductId: string; id: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await lockCatalogKey(tx, 'bundles');
    const row = await findBundleItemRow(tx, request.bundleProductId, request.id);
    if (!row) throw notFound('bundle item', request.id);
    await deleteBundleItemRow(tx, row);
  });
}

function nestingError(field: string, why: string): AppError {
  const message = `bundles are one level deep: ${why}`;
  return new AppError('business_rule_violated', message, { fieldErrors: [{ field, message }] });
}
