import { findProducts } from '../catalog/index.ts';
import type { Ctx } from '../shared/context.ts';

/**
 * SKUs for messages, through the catalog's public surface, in one read. A product deleted since
 * is named by its id: a rule or a line may outlive the product's listing, and the message must still name it.
 */
export async function skuLookup(ctx: Ctx, productIds: Iterable<string>): Promise<(productId: string) => string> {
  const products = await findProducts(ctx, [...new Set(productIds)]);
  return (productId) => products.get(productId)?.sku ?? productId;
}
