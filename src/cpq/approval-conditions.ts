import { z } from 'zod';
import { currencyCodeFormat } from '../shared/validation/field-schemas.ts';
import { METRICS, MONEY_METRICS, NUMERIC_METRICS, type MetricValue, type QuoteMetrics } from './quote-metrics.ts';

export const OPERATORS = ['>', '>=', '<', '<=', '=', '!=', 'in', 'not_in'] as const;
export type Operator = (typeof OPERATORS)[number];
const ORDERING: readonly Operator[] = ['>', '>=', '<', '<='];

const currencyText = z.string().trim().toUpperCase().check(currencyCodeFormat('not an ISO 4217 currency code'));

/**
 * An approval condition as data: {"metric":"maxLineDiscountBps","op":">","value":2000}. Which
 * operators and values fit depends on the metric: numbers take the orderings and =/!=, belowFloor
 * a boolean with =/!=, currency a code (=, !=) or a list (in, not_in). Money metrics name the
 * currency their minor units are in, and fire only for quotes in it.
 */
export const conditionSchema = z
  .strictObject({
    metric: z.enum(METRICS),
    op: z.enum(OPERATORS),
    value: z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.boolean(), currencyText, z.array(currencyText).min(1).max(50)]),
    currency: currencyText.optional(),
  })
  .superRefine((condition, ctx) => {
    const problem = conditionProblem(condition);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
export type Condition = z.output<typeof conditionSchema>;

function conditionProblem(c: { metric: string; op: Operator; value: unknown; currency?: string | undefined }): { path: string; message: string } | null {
  const isMoney = MONEY_METRICS.some((metric) => metric === c.metric);
  if (isMoney !== (c.currency !== undefined)) return { path: 'currency', message: isMoney ? `${c.metric} needs the currency of its minor units` : 'only acvMinor and tcvMinor take a currency' };
  if (NUMERIC_METRICS.some((metric) => metric === c.metric)) {
    if (typeof c.value !== 'number') return { path: 'value', message: `${c.metric} compares with a whole number` };
    return c.op === 'in' || c.op === 'not_in' ? { path: 'op', message: `${c.metric} takes >, >=, <, <=, = or !=` } : null;
  }
  if (c.metric === 'belowFloor') {
    if (typeof c.value !== 'boolean') return { path: 'value', message: 'belowFloor compares with true or false' };
    return c.op === '=' || c.op === '!=' ? null : { path: 'op', message: 'belowFloor takes = or !=' };
  }
  const list = c.op === 'in' || c.op === 'not_in';
  if (list !== Array.isArray(c.value) || (!list && typeof c.value !== 'string')) return { path: 'value', message: 'currency takes a code with = or !=, a list with in or not_in' };
  return ORDERING.includes(c.op) ? { path: 'op', message: 'currency takes =, !=, in or not_in' } : null;
}

export type ConditionResult = { fires: boolean; actual: MetricValue };

/** Whether the condition fires on these metrics, and the value it saw. */
export function evaluateCondition(condition: Condition, metrics: QuoteMetrics): ConditionResult {
  const actual = metrics[condition.metric];
  if (condition.currency !== undefined && condition.currency !== metrics.currency) return { fires: false, actual };
  return { fires: compareValue(actual, condition.op, condition.value), actual };
}

function compareValue(actual: MetricValue, op: Operator, value: Condition['value']): boolean {
  if (Array.isArray(value)) return value.includes(String(actual)) === (op === 'in');
  const expected = typeof value === 'number' ? BigInt(value) : value;
  switch (op) {
    case '=': return actual === expected;
    case '!=': return actual !== expected;
    case '>': return actual > expected;
    case '>=': return actual >= expected;
    case '<': return actual < expected;
    case '<=': return actual <= expected;
    case 'in':
    case 'not_in': return false;
  }
}

/**
 * Re-approval rule: a value approved under a condition still covers `current` when it is not
 * further into the condition — no higher for > and >=, no lower for < and <=, and the same value
 * for the other operators (a different currency is a different deal).
 */
export function isCoveredBy(condition: Condition, approved: MetricValue, current: MetricValue): boolean {
  if (typeof approved === 'bigint' && typeof current === 'bigint') {
    if (condition.op === '>' || condition.op === '>=') return current <= approved;
    if (condition.op === '<' || condition.op === '<=') return current >= approved;
  }
  return approved === current;
}

/** Metric values as JSON (bigints as safe numbers, else integer strings) and back. */
export function metricToJson(value: MetricValue): number | string | boolean {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

export function metricFromJson(value: unknown): MetricValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return String(value);
}
