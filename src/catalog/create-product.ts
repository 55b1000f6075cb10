import { inTransaction, type Ctx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { nowOf } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { insertProduct, toProduct, toProductColumns } from './product-repo.ts';
import { createProductSchema, type CreateProductInput, type Product } from './product-schema.ts';

export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<Product> {
  const { revenueCategory, ...fields } = parseInput(createProductSchema, input);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const columns = toProductColumns({ ...fields, revenueCategory: revenueCategory ?? fields.type });
    return toProduct(await insertProduct(tx, { id: newId('prod'), ...columns, created_at: now, updated_at: now }));
  });
}
