import type { Insertable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { cpqDb, withConstraintErrors } from './cpq-db.ts';
import type { OverrideRow, QuoteValidationOverridesTable, ValidationRuleRow, ValidationRulesTable } from './tables.ts';

/** The only module that touches `validation_rules` and `quote_validation_overrides`; writes are audited. */

export function toValidationRule(row: ValidationRuleRow) {
  return {
    id: row.id, key: row.key, name: row.name, kind: row.kind, params: row.params as Record<string, unknown>, active: row.active,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), version: row.version,
  };
}
export type ValidationRule = ReturnType<typeof toValidationRule>;

export async function findValidationRuleRows(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ValidationRuleRow[]> {
  let query = cpqDb(ctx).selectFrom('validation_rules').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  return query.orderBy('key').execute();
}

export async function findValidationRuleRow(ctx: Ctx, by: { id: string } | { key: string }, lock?: 'update'): Promise<ValidationRuleRow | undefined> {
  const base = cpqDb(ctx).selectFrom('validation_rules').selectAll();
  const query = 'id' in by ? base.where('id', '=', by.id) : base.where('key', '=', by.key);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function insertValidationRule(tx: TxCtx, row: Omit<Insertable<ValidationRulesTable>, 'version'>): Promise<ValidationRuleRow> {
  const inserted = await withConstraintErrors(cpqDb(tx).insertInto('validation_rules').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow());
  await recordAudit(tx, { action: 'create', entityType: 'validation_rule', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updateValidationRuleRow(tx: TxCtx, before: ValidationRuleRow, changes: Partial<Insertable<ValidationRulesTable>>): Promise<ValidationRuleRow> {
  const after = await cpqDb(tx).updateTable('validation_rules').set({ ...changes, version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst();
  assert(after, `validation rule ${before.id} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'validation_rule', entityId: before.id, before, after });
  return after;
}

export async function findOverrideRows(ctx: Ctx, quoteId: string): Promise<OverrideRow[]> {
  return cpqDb(ctx).selectFrom('quote_validation_overrides').selectAll().where('quote_id', '=', quoteId).orderBy('id').execute();
}

/**
 * Records an override, audited on the quote (action `override_validation`) with the rule, the
 * reason and who gave it, so the quote's own trail shows why a blocking rule did not block.
 */
export async function insertOverride(tx: TxCtx, row: Omit<Insertable<QuoteValidationOverridesTable>, 'id'>, rule: ValidationRuleRow): Promise<OverrideRow> {
  const inserted = await withConstraintErrors(cpqDb(tx).insertInto('quote_validation_overrides').values(row).returningAll().executeTakeFirstOrThrow());
  const after = { ruleId: rule.id, ruleKey: rule.key, ruleName: rule.name, reason: row.reason, overriddenBy: row.overridden_by, overriddenAt: inserted.overridden_at };
  await recordAudit(tx, { action: 'override_validation', entityType: 'quote', entityId: row.quote_id, before: null, after });
  return inserted;
}
