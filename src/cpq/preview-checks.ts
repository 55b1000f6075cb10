import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { evaluateCondition, metricToJson } from './approval-conditions.ts';
import { firingRules, uncoveredRules, type FiringRule } from './approval-plan.ts';
import { findGrants } from './approval-request-repo.ts';
import { findApprovalRuleRows, toApprovalRule } from './approval-rule-repo.ts';
import { loadQuoteContext, type QuoteContext } from './quote-context.ts';
import { ceilBps } from './quote-metrics.ts';
import { getQuoteRow } from './quote-repo.ts';
import type { ApproverRole } from './tables.ts';
import { configurationViolations, validationViolations, type ConfigurationViolation, type ValidationViolation } from './submit-checks.ts';

export type ApprovalNeeded = {
  ruleId: string; ruleName: string; level: number; approverRole: ApproverRole | null; approverUserId: string | null;
  condition: Record<string, unknown>; actual: number | string | boolean;
  /** The lines that fire the rule on their own (line metrics: maxLineDiscountBps, belowFloor); empty for quote-level metrics. */
  lineNumbers: number[];
};
export type QuoteChecks = {
  configuration: (Omit<ConfigurationViolation, 'productIds'> & { lineNumbers: number[] })[];
  validation: ValidationViolation[];
  approvals: ApprovalNeeded[];
};

/**
 * What submitting the quote now would meet (docs/cpq.md "Submit"), without submitting: broken
 * configuration rules and firing validation rules (each placed at the lines it concerns) and the
 * approval rules that would open a request (those not covered by an approval already granted).
 * A read for the quote builder: it changes nothing.
 */
export async function previewQuoteChecks(ctx: Ctx, quoteId: string): Promise<QuoteChecks> {
  const quote = await getQuoteRow(ctx, await ownerScope(ctx), quoteId);
  const context = await loadQuoteContext(ctx, quote);
  const linesOf = (productIds: readonly string[]) => context.lines.filter((line) => productIds.includes(line.product_id)).map((line) => line.line_number);
  const configuration = (await configurationViolations(ctx, context)).map(({ productIds, ...violation }) => ({ ...violation, lineNumbers: linesOf(productIds) }));
  const validation = context.lines.length === 0 ? [] : await validationViolations(ctx, context);
  const rules = (await findApprovalRuleRows(ctx, { active: true })).map(toApprovalRule);
  const needed = context.lines.length === 0 ? [] : uncoveredRules(firingRules(rules, context.metrics), await findGrants(ctx, quote.id));
  return { configuration, validation, approvals: needed.map((firing) => toApprovalNeeded(firing, context)) };
}

function toApprovalNeeded({ rule, actual }: FiringRule, context: QuoteContext): ApprovalNeeded {
  return {
    ruleId: rule.id, ruleName: rule.name, level: rule.level, approverRole: rule.approverRole, approverUserId: rule.approverUserId,
    condition: rule.condition, actual: metricToJson(actual), lineNumbers: firingLines({ rule, actual }, context),
  };
}

/** A line fires a line metric alone when the condition holds with the quote's value replaced by the line's. */
function firingLines({ rule }: FiringRule, { pricing, metrics }: QuoteContext): number[] {
  const { metric } = rule.condition;
  if (metric !== 'maxLineDiscountBps' && metric !== 'belowFloor') return [];
  return pricing.lines
    .filter((line) => {
      const own = metric === 'belowFloor' ? line.floorViolations.length > 0 : ceilBps(line.lineDiscount.amountMinor, line.list.amountMinor);
      return evaluateCondition(rule.condition, { ...metrics, [metric]: own }).fires;
    })
    .map((line) => line.lineNumber);
}
