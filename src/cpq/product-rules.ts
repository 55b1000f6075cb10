import { findProducts } from '../catalog/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { fieldError, nowOf, versionConflict } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findProductRuleRow, findProductRuleRows, insertProductRule, toProductRuleJson, updateProductRuleRow, type ProductRuleJson } from './product-rule-repo.ts';
import { createProductRuleSchema, updateProductRuleSchema, type CreateProductRuleInput, type UpdateProductRuleInput } from './rule-schema.ts';

export async function listProductRules(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ProductRuleJson[]> {
  return (await findProductRuleRows(ctx, filter)).map(toProductRuleJson);
}

export async function createProductRule(ctx: Ctx, input: CreateProductRuleInput): Promise<ProductRuleJson> {
  const rule = parseInput(createProductRuleSchema, input);
  const fields = [['productId', rule.productId], ['relatedProductId', rule.relatedProductId]] as const;
  const products = await findProducts(ctx, fields.flatMap(([, id]) => (id === null ? [] : [id])));
  for (const [field, id] of fields) {
    if (id !== null && !products.has(id)) throw fieldError(`body.${field}`, 'unknown product', `Product ${id} does not exist`);
  }
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => toProductRuleJson(await insertProductRule(tx, {
    id: newId('rul'), name: rule.name, kind: rule.kind, product_id: rule.productId, related_product_id: rule.relatedProductId,
    quantity: rule.quantity === null ? null : BigInt(rule.quantity), active: rule.active, created_at: now, updated_at: now,
  })));
}

/** Name, on/off and (min_qty, max_qty) the limit change; kind and products are the rule's identity. */
export async function updateProductRule(ctx: Ctx, request: { id: string; expectedVersion: number; changes: UpdateProductRuleInput }): Promise<ProductRuleJson> {
  const changes = parseInput(updateProductRuleSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await findProductRuleRow(tx, request.id, 'update');
    if (!before) throw notFound('product rule', request.id);
    if (before.version !== request.expectedVersion) throw versionConflict('Product rule', before.id, before.version, request.expectedVersion);
    if (changes.quantity !== undefined && before.quantity === null) throw fieldError('body.quantity', `a ${before.kind} rule has no quantity`);
    return toProductRuleJson(await updateProductRuleRow(tx, before, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.quantity !== undefined ? { quantity: BigInt(changes.quantity) } : {}),
      updated_at: nowOf(tx),
    }));
  });
}
