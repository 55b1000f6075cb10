import type { Insertable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { cpqDb, withConstraintErrors } from './cpq-db.ts';
import type { ProductRule } from './product-rule-check.ts';
import type { ProductRuleRow, ProductRulesTable } from './tables.ts';

/** The only module that touches `product_rules`; every write here also writes its audit row. */

export type ProductRuleJson = Omit<ProductRule, 'quantity'> & { quantity: number | null; createdAt: string; updatedAt: string; version: number };

export function toProductRule(row: ProductRuleRow): ProductRule {
  return { id: row.id, name: row.name, kind: row.kind, productId: row.product_id, relatedProductId: row.related_product_id, quantity: row.quantity, active: row.active };
}

export function toProductRuleJson(row: ProductRuleRow): ProductRuleJson {
  const rule = toProductRule(row);
  return { ...rule, quantity: rule.quantity === null ? null : Number(rule.quantity), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), version: row.version };
}

export async function findProductRuleRows(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ProductRuleRow[]> {
  let query = cpqDb(ctx).selectFrom('product_rules').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  return query.orderBy('id').execute();
}

export async function findProductRuleRow(ctx: Ctx, id: string, lock?: 'update'): Promise<ProductRuleRow | undefined> {
  const query = cpqDb(ctx).selectFrom('product_rules').selectAll().where('id', '=', id);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function insertProductRule(tx: TxCtx, row: Omit<Insertable<ProductRulesTable>, 'version'>): Promise<ProductRuleRow> {
  const inserted = await withConstraintErrors(cpqDb(tx).insertInto('product_rules').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow());
  await recordAudit(tx, { action: 'create', entityType: 'product_rule', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updateProductRuleRow(tx: TxCtx, before: ProductRuleRow, changes: Partial<Insertable<ProductRulesTable>>): Promise<ProductRuleRow> {
  const after = await withConstraintErrors(
    cpqDb(tx).updateTable('product_rules').set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst(),
  );
  assert(after, `product rule ${before.id} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'product_rule', entityId: before.id, before, after });
  return after;
}
