import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { nowOf, versionConflict } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { getProductRow, productHasPrices, toProduct, toProductColumns, updateProductRow } from './product-repo.ts';
import { updateProductSchema, type Product, type ProductFields, type ProductRow, type UpdateProductInput } from './product-schema.ts';
import { changedValues, definedOnly } from './record-changes.ts';

export type UpdateProductRequest = { id: string; expectedVersion: number; changes: UpdateProductInput };

/**
 * Partial update based on `expectedVersion` (409 with currentVersion otherwise); a request that
 * changes nothing writes nothing. The type is fixed once the product was priced: its prices'
 * billing terms were checked against it (see price-product-rules.ts).
 */
export async function updateProduct(ctx: Ctx, request: UpdateProductRequest): Promise<Product> {
  const changes = parseInput(updateProductSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await getProductRow(tx, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict('Product', before.id, before.version, request.expectedVersion);
    const changed = changedValues(toProductColumns(fieldsOf(before)), toProductColumns({ ...fieldsOf(before), ...definedOnly(changes) }));
    if (Object.keys(changed).length === 0) return toProduct(before);
    if (changed.type !== undefined && (await productHasPrices(tx, before.id))) {
      const message = 'the product has prices; its type can no longer change (create a new product instead)';
      throw new AppError('business_rule_violated', `Product ${before.id}: ${message}`, { fieldErrors: [{ field: 'body.type', message }] });
    }
    return toProduct(await updateProductRow(tx, before, { ...changed, updated_at: nowOf(tx) }, 'update'));
  });
}

function fieldsOf(row: ProductRow): ProductFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...fields } = toProduct(row);
  return fields;
}
