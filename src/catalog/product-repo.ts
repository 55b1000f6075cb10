import type { Insertable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert, notFound } from '../shared/errors.ts';
import { catalogDb, withConstraintErrors } from './catalog-db.ts';
import type { Product, ProductFields, ProductRow, ProductsTable } from './product-schema.ts';

/** snake_case row → API shape; toProductColumns is the way back. */
export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    family: row.family,
    type: row.type,
    revenueCategory: row.revenue_category,
    taxCategory: row.tax_category,
    unitOfMeasure: row.unit_of_measure,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export type ProductColumns = Required<Omit<Insertable<ProductsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

export function toProductColumns(fields: ProductFields): ProductColumns {
  return {
    sku: fields.sku,
    name: fields.name,
    description: fields.description,
    family: fields.family,
    type: fields.type,
    revenue_category: fields.revenueCategory,
    tax_category: fields.taxCategory,
    unit_of_measure: fields.unitOfMeasure,
    active: fields.active,
  };
}

/** A live (not deleted) product; 'update' locks it for a writer, 'share' keeps it alive while a price or bundle points at it. */
export async function findProductRow(ctx: Ctx, id: string, lock?: 'update' | 'share'): Promise<ProductRow | undefined> {
  const query = catalogDb(ctx).selectFrom('products').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return query.executeTakeFirst();
}

/** Live products by id, in one statement; missing and deleted ids are simply absent. */
export async function findProductRows(ctx: Ctx, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return catalogDb(ctx).selectFrom('products').selectAll().where('id', 'in', [...new Set(ids)]).where('deleted_at', 'is', null).execute();
}

export async function getProductRow(ctx: Ctx, id: string, lock?: 'update' | 'share'): Promise<ProductRow> {
  const row = await findProductRow(ctx, id, lock);
  if (!row) throw notFound('product', id);
  return row;
}

export async function insertProduct(tx: TxCtx, row: ProductColumns & { id: string; created_at: Date; updated_at: Date }): Promise<ProductRow> {
  const inserted = await withConstraintErrors(
    catalogDb(tx).insertInto('products').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'product', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock and has checked the version. */
export async function updateProductRow(
  tx: TxCtx,
  before: ProductRow,
  changes: Partial<ProductColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
): Promise<ProductRow> {
  const after = await withConstraintErrors(
    catalogDb(tx)
      .updateTable('products')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `product ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'product', entityId: before.id, before, after });
  return after;
}

/** Prices of any version, in any book: a product that was ever priced keeps its type. */
export async function productHasPrices(ctx: Ctx, productId: string): Promise<boolean> {
  const row = await catalogDb(ctx).selectFrom('prices').select('id').where('product_id', '=', productId).limit(1).executeTakeFirst();
  return row !== undefined;
}
