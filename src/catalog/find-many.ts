import type { Ctx } from '../shared/context.ts';
import { findPriceRows, toPrice } from './price-repo.ts';
import type { Price } from './price-schema.ts';
import { findProductRows, toProduct } from './product-repo.ts';
import type { Product } from './product-schema.ts';

/**
 * Batch forms of findProduct and findPrice, for callers that price or print many lines (quotes,
 * orders): one statement for all the ids instead of one per line. Same answers as the single
 * lookups — a missing or deleted product, or an unknown price id, is absent from the map.
 */
export async function findProducts(ctx: Ctx, ids: readonly string[]): Promise<Map<string, Product>> {
  return new Map((await findProductRows(ctx, ids)).map((row) => [row.id, toProduct(row)]));
}

export async function findPrices(ctx: Ctx, ids: readonly string[]): Promise<Map<string, Price>> {
  return new Map((await findPriceRows(ctx, ids)).map((row) => [row.id, toPrice(row)]));
}
