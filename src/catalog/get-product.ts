import type { Ctx } from '../shared/context.ts';
import { findProductRow, getProductRow, toProduct } from './product-repo.ts';
import type { Product } from './product-schema.ts';

/** A live product; 404 when missing or deleted. */
export async function getProduct(ctx: Ctx, id: string): Promise<Product> {
  return toProduct(await getProductRow(ctx, id));
}

export async function findProduct(ctx: Ctx, id: string): Promise<Product | null> {
  const row = await findProductRow(ctx, id);
  return row ? toProduct(row) : null;
}
