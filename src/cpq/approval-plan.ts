import { canonicalJson } from '../shared/json.ts';
import { evaluateCondition, isCoveredBy, metricFromJson, metricToJson, type Condition } from './approval-conditions.ts';
import type { MetricValue, QuoteMetrics } from './quote-metrics.ts';
import type { ApproverRole } from './tables.ts';

export type ApprovalRule = {
  id: string;
  name: string;
  active: boolean;
  condition: Condition;
  approverRole: ApproverRole | null;
  approverUserId: string | null;
  level: number;
};

/** What raised a request: the rule's condition then and the value the quote had. */
export type ApprovalSnapshot = { condition: Condition; actual: MetricValue };
export type ApprovalGrant = { ruleId: string; snapshot: ApprovalSnapshot };
export type FiringRule = { rule: ApprovalRule; actual: MetricValue };

/** Active rules whose condition fires on the quote, lowest level first. */
export function firingRules(rules: readonly ApprovalRule[], metrics: QuoteMetrics): FiringRule[] {
  return rules
    .filter((rule) => rule.active)
    .map((rule) => ({ rule, result: evaluateCondition(rule.condition, metrics) }))
    .filter(({ result }) => result.fires)
    .map(({ rule, result }) => ({ rule, actual: result.actual }))
    .sort((a, b) => a.rule.level - b.rule.level || (a.rule.id < b.rule.id ? -1 : 1));
}

/**
 * The firing rules no approval covers yet. An approval granted for a rule covers the quote as long
 * as the rule's condition is unchanged and the value is not worse than the approved one
 * (isCoveredBy): lowering an approved discount keeps the approval, raising it needs a new one,
 * and an edit that moves no metric (a line description) touches no approved condition at all.
 */
export function uncoveredRules(firing: readonly FiringRule[], grants: readonly ApprovalGrant[]): FiringRule[] {
  return firing.filter(({ rule, actual }) => !grants.some((grant) => covers(grant, rule, actual)));
}

function covers(grant: ApprovalGrant, rule: ApprovalRule, actual: MetricValue): boolean {
  if (grant.ruleId !== rule.id) return false;
  if (canonicalJson(grant.snapshot.condition) !== canonicalJson(rule.condition)) return false;
  return isCoveredBy(rule.condition, grant.snapshot.actual, actual);
}

export function snapshotToJson(snapshot: ApprovalSnapshot): { condition: Condition; actual: number | string | boolean } {
  return { condition: snapshot.condition, actual: metricToJson(snapshot.actual) };
}

export function snapshotFromJson(json: unknown, parseCondition: (value: unknown) => Condition): ApprovalSnapshot {
  const { condition, actual } = (json ?? {}) as { condition?: unknown; actual?: unknown };
  return { condition: parseCondition(condition), actual: metricFromJson(actual) };
}
