import { findProduct } from '../catalog/index.ts';
import type { Ctx } from '../shared/context.ts';

/**
 * SKUs for messages, through the catalog's public surface. A product deleted since is named by
 * its id: a rule or a line may outlive the product's listing, and the message must still name it.
 */
export async function skuLookup(ctx: Ctx, productIds: Iterable<string>): Promise<(productId: string) => string> {
  const skus = new Map<string, string>();
  for (const id of new Set(productIds)) skus.set(id, (await findProduct(ctx, id))?.sku ?? id);
  return (productId) => skus.get(productId) ?? productId;
}
