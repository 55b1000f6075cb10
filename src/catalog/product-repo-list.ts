import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { catalogDb, escapeLike } from './catalog-db.ts';
import type { ProductRow, ProductType } from './product-schema.ts';

export type ProductFilter = { q?: string; family?: string; type?: ProductType; active?: boolean };
export type ProductKey = { sku: string; id: string };

/**
 * One keyset page of live products in (lower(sku), id) order. The cursor's SKU goes through the
 * same lower() in SQL as the ORDER BY, so both sides use the database's collation.
 */
export async function findProductRows(ctx: Ctx, filter: ProductFilter, page: { limit: number; after: ProductKey | null }): Promise<ProductRow[]> {
  let query = catalogDb(ctx).selectFrom('products').selectAll().where('deleted_at', 'is', null);
  if (filter.q !== undefined) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('sku', 'ilike', pattern)]));
  }
  if (filter.family !== undefined) query = query.where('family', '=', filter.family);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (page.after) query = query.where(sql<SqlBool>`(lower(products.sku), products.id) > (lower(${page.after.sku}), ${page.after.id})`);
  return query.orderBy(sql`lower(products.sku)`).orderBy('products.id').limit(page.limit).execute();
}
