import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage, invalidCursor } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findProductRows } from './product-repo-list.ts';
import { toProduct } from './product-repo.ts';
import { listProductsQuerySchema, type ListProductsQuery, type Product } from './product-schema.ts';

export type ProductPage = { data: Product[]; nextCursor: string | null };

/** Keyset pages of live products by SKU; pass nextCursor back with the same filters. */
export async function listProducts(ctx: Ctx, query: ListProductsQuery): Promise<ProductPage> {
  const { limit, cursor, ...filter } = parseInput(listProductsQuerySchema, query, 'querystring');
  const decoded = decodeCursor(cursor);
  if (decoded !== null && typeof decoded.sortValue !== 'string') {
    throw invalidCursor('The cursor is not valid for products');
  }
  const after = decoded === null ? null : { sku: decoded.sortValue as string, id: decoded.id };
  const rows = await findProductRows(ctx, filter, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: row.sku, id: row.id }), toProduct);
}
