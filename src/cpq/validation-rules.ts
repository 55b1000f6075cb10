import { inTransaction, type Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import { nowOf, versionConflict } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { createValidationRuleSchema, PARAMS_SCHEMAS, updateValidationRuleSchema, type CreateValidationRuleInput, type UpdateValidationRuleInput } from './rule-schema.ts';
import type { ValidationRuleKind } from './tables.ts';
import { findValidationRuleRow, findValidationRuleRows, insertValidationRule, toValidationRule, updateValidationRuleRow, type ValidationRule } from './validation-rule-repo.ts';

export async function listValidationRules(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ValidationRule[]> {
  return (await findValidationRuleRows(ctx, filter)).map(toValidationRule);
}

/** A further rule of a known kind, e.g. overdue invoices at 60 days for renewals only. */
export async function createValidationRule(ctx: Ctx, input: CreateValidationRuleInput): Promise<ValidationRule> {
  const rule = parseInput(createValidationRuleSchema, input);
  const params = parseParams(rule.kind, rule.params);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => toValidationRule(await insertValidationRule(tx, {
    id: newId('rul'), key: rule.key, name: rule.name, kind: rule.kind, params: canonicalJson(params), active: rule.active, created_at: now, updated_at: now,
  })));
}

/** Name, on/off and parameters change; key and kind are the rule's identity and stay. */
export async function updateValidationRule(ctx: Ctx, request: { id: string; expectedVersion: number; changes: UpdateValidationRuleInput }): Promise<ValidationRule> {
  const changes = parseInput(updateValidationRuleSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await findValidationRuleRow(tx, { id: request.id }, 'update');
    if (!before) throw notFound('validation rule', request.id);
    if (before.version !== request.expectedVersion) throw versionConflict('Validation rule', before.id, before.version, request.expectedVersion);
    return toValidationRule(await updateValidationRuleRow(tx, before, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.params !== undefined ? { params: canonicalJson(parseParams(before.kind, changes.params)) } : {}),
      updated_at: nowOf(tx),
    }));
  });
}

/** Each kind reads its own parameters; defaults are filled in so the stored row says what applies. */
function parseParams(kind: ValidationRuleKind, params: unknown): unknown {
  return parseInput(PARAMS_SCHEMAS[kind], params, 'body.params');
}
