import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { productRuleViolations, type ProductRule } from './product-rule-check.ts';
import { findProductRuleRows, toProductRule } from './product-rule-repo.ts';
import { skuLookup } from './product-skus.ts';
import { configuredLines, type QuoteContext } from './quote-context.ts';
import type { RuleCheck } from './rule-check.ts';
import { evaluateValidationRule } from './validation-rule-check.ts';
import { findOverrideRows, findValidationRuleRows, toValidationRule } from './validation-rule-repo.ts';
import type { ProductRuleKind, ValidationRuleKind } from './tables.ts';

export type ConfigurationViolation = { ruleId: string; name: string; kind: ProductRuleKind; message: string; productIds: string[] };
export type ValidationViolation = { ruleId: string; key: string; name: string; kind: ValidationRuleKind; message: string; checks: RuleCheck[] };

/** Every broken configuration rule, in rule order, with the products it names (to place it at their lines). */
export async function configurationViolations(ctx: Ctx, context: QuoteContext): Promise<ConfigurationViolation[]> {
  const rules = (await findProductRuleRows(ctx, { active: true })).map(toProductRule);
  // No rule, no violation: the SKUs are only for the messages of broken rules.
  if (rules.length === 0) return [];
  const lines = configuredLines(context.lines);
  const sku = await skuLookup(ctx, [...lines.map((line) => line.productId), ...rules.flatMap((rule) => [rule.productId, rule.relatedProductId ?? rule.productId])]);
  const byId = new Map<string, ProductRule>(rules.map((rule) => [rule.id, rule]));
  return productRuleViolations(rules, lines, sku).map((violation) => {
    const rule = byId.get(violation.ruleId);
    return { ...violation, productIds: rule ? [rule.productId, ...(rule.relatedProductId === null ? [] : [rule.relatedProductId])] : [] };
  });
}

/** Every active validation rule that fires on the quote and is not overridden for it. */
export async function validationViolations(ctx: Ctx, context: QuoteContext): Promise<ValidationViolation[]> {
  const overridden = new Set((await findOverrideRows(ctx, context.quote.id)).map((row) => row.rule_id));
  const rules = (await findValidationRuleRows(ctx, { active: true })).map(toValidationRule).filter((rule) => !overridden.has(rule.id));
  const violations: ValidationViolation[] = [];
  for (const rule of rules) {
    const result = await evaluateValidationRule(ctx, rule, context);
    if (result.fires) violations.push({ ruleId: rule.id, key: rule.key, name: rule.name, kind: rule.kind, message: result.message ?? '', checks: result.checks });
  }
  return violations;
}

/**
 * Configuration rules: an invalid configuration is refused (422) with a message naming the
 * first broken rule; `violations` lists every broken rule.
 */
export async function assertConfigurationValid(ctx: Ctx, context: QuoteContext): Promise<void> {
  const violations = (await configurationViolations(ctx, context)).map(({ productIds: _productIds, ...violation }) => violation);
  const first = violations[0];
  if (!first) return;
  throw new AppError('business_rule_violated', first.message, {
    extra: { rule: { type: 'product', id: first.ruleId, name: first.name, kind: first.kind }, violations },
  });
}

/**
 * Validation rules: each active rule that fires refuses the submit (422 naming the rule), unless
 * finance has overridden that rule for this quote with a reason (POST /quotes/:id/overrides).
 */
export async function assertValidationsPass(ctx: Ctx, context: QuoteContext): Promise<void> {
  const violations = await validationViolations(ctx, context);
  const first = violations[0];
  if (!first) return;
  throw new AppError('business_rule_violated', `${first.message}. Finance can override it for this quote with a reason.`, {
    extra: { rule: { type: 'validation', id: first.ruleId, key: first.key, name: first.name, kind: first.kind }, violations },
  });
}
