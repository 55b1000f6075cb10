import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { evaluateCondition, metricToJson } from './approval-conditions.ts';
import { findApprovalRuleRow, toApprovalRule } from './approval-rule-repo.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { evaluateProductRule } from './product-rule-check.ts';
import { findProductRuleRow, findProductRuleRows, toProductRule } from './product-rule-repo.ts';
import { skuLookup } from './product-skus.ts';
import { configuredLines, loadQuoteContext, type QuoteContext } from './quote-context.ts';
import { getQuoteRow } from './quote-repo.ts';
import type { RuleEvaluation } from './rule-check.ts';
import { evaluateRuleBodySchema } from './rule-schema.ts';
import { evaluateValidationRule } from './validation-rule-check.ts';
import { findValidationRuleRow, toValidationRule } from './validation-rule-repo.ts';

/**
 * Tests any rule — approval, validation or configuration, found by id — against a quote, whether
 * or not the rule is active: which checks fire and with what values. Writes nothing.
 */
export async function evaluateRule(ctx: Ctx, request: { ruleId: string; input: { quoteId: string } }): Promise<RuleEvaluation> {
  const { quoteId } = parseInput(evaluateRuleBodySchema, request.input);
  const quote = await loadQuoteContext(ctx, await getQuoteRow(ctx, await ownerScope(ctx), quoteId));
  // Rule ids share one prefix (rul_) across the three tables, so the id alone finds the rule.
  const evaluation = (await approvalEvaluation(ctx, request.ruleId, quote))
    ?? (await validationEvaluation(ctx, request.ruleId, quote))
    ?? (await productEvaluation(ctx, request.ruleId, quote));
  if (!evaluation) throw notFound('rule', request.ruleId);
  return evaluation;
}

async function approvalEvaluation(ctx: Ctx, ruleId: string, quote: QuoteContext): Promise<RuleEvaluation | null> {
  const row = await findApprovalRuleRow(ctx, ruleId);
  if (!row) return null;
  const rule = toApprovalRule(row);
  const { condition } = rule;
  const result = evaluateCondition(condition, quote.metrics);
  const value = condition.currency === undefined ? condition.value : { amountMinor: condition.value, currency: condition.currency };
  return {
    ruleId: rule.id, ruleType: 'approval', name: rule.name, active: rule.active, fires: result.fires,
    checks: [{ check: condition.metric, op: condition.op, value, actual: metricToJson(result.actual), fires: result.fires }],
    message: result.fires ? `Rule "${rule.name}": ${condition.metric} is ${metricToJson(result.actual)} (${condition.op} ${JSON.stringify(condition.value)}); needs approval at level ${rule.level}` : null,
  };
}

async function validationEvaluation(ctx: Ctx, ruleId: string, quote: QuoteContext): Promise<RuleEvaluation | null> {
  const row = await findValidationRuleRow(ctx, { id: ruleId });
  if (!row) return null;
  const rule = toValidationRule(row);
  const result = await evaluateValidationRule(ctx, rule, quote);
  return { ruleId: rule.id, ruleType: 'validation', name: rule.name, active: rule.active, ...result };
}

async function productEvaluation(ctx: Ctx, ruleId: string, quote: QuoteContext): Promise<RuleEvaluation | null> {
  const row = await findProductRuleRow(ctx, ruleId);
  if (!row) return null;
  const rule = toProductRule(row);
  const all = (await findProductRuleRows(ctx, { active: true })).map(toProductRule);
  const lines = configuredLines(quote.lines);
  const sku = await skuLookup(ctx, [...lines.map((line) => line.productId), ...all.concat(rule).flatMap((r) => [r.productId, r.relatedProductId ?? r.productId])]);
  return { ruleId: rule.id, ruleType: 'product', name: rule.name, active: rule.active, ...evaluateProductRule(rule, all, lines, sku) };
}
