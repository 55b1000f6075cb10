import { describe, expect, it } from 'vitest';
import { conditionSchema, evaluateCondition, isCoveredBy, type Condition } from './approval-conditions.ts';
import { firingRules, uncoveredRules, type ApprovalRule } from './approval-plan.ts';
import type { QuoteMetrics } from './quote-metrics.ts';

const metrics: QuoteMetrics = {
  maxLineDiscountBps: 2500n, discountBps: 0n, totalDiscountBps: 2600n, acvMinor: 150_000n, tcvMinor: 450_000n, termMonths: 36n, paymentTermsDays: 30n,
  belowFloor: true, currency: 'EUR',
};
const parse = (input: object): Condition => conditionSchema.parse(input);
const rule = (id: string, condition: object, level = 1): ApprovalRule => ({ id, name: id, active: true, condition: parse(condition), approverRole: 'finance', approverUserId: null, level });

describe('approval conditions', () => {
  it.each([
    [{ metric: 'maxLineDiscountBps', op: '>', value: 2000 }, true, 2500n],
    [{ metric: 'maxLineDiscountBps', op: '>', value: 2500 }, false, 2500n],
    [{ metric: 'maxLineDiscountBps', op: '>=', value: 2500 }, true, 2500n],
    [{ metric: 'termMonths', op: '<', value: 12 }, false, 36n],
    [{ metric: 'acvMinor', op: '>', value: 100_000, currency: 'EUR' }, true, 150_000n],
    [{ metric: 'acvMinor', op: '>', value: 100_000, currency: 'USD' }, false, 150_000n],
    [{ metric: 'belowFloor', op: '=', value: true }, true, true],
    [{ metric: 'currency', op: 'not_in', value: ['usd', 'EUR'] }, false, 'EUR'],
    [{ metric: 'currency', op: '!=', value: 'USD' }, true, 'EUR'],
  ])('%j fires: %s', (condition, fires, actual) => {
    expect(evaluateCondition(parse(condition), metrics)).toEqual({ fires, actual });
  });

  it.each([
    [{ metric: 'acvMinor', op: '>', value: 1 }, 'currency'],
    [{ metric: 'termMonths', op: '>', value: 1, currency: 'EUR' }, 'currency'],
    [{ metric: 'termMonths', op: 'in', value: 1 }, 'op'],
    [{ metric: 'belowFloor', op: '>', value: true }, 'op'],
    [{ metric: 'currency', op: 'in', value: 'EUR' }, 'value'],
    [{ metric: 'discountBps', op: '>', value: 'a lot' }, 'value'],
  ])('refuses %j at %s', (condition, path) => {
    const result = conditionSchema.safeParse(condition);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('covers an edit that is not worse than the approved value, in the direction of the condition', () => {
    const above = parse({ metric: 'maxLineDiscountBps', op: '>', value: 1000 });
    expect([isCoveredBy(above, 1500n, 1200n), isCoveredBy(above, 1500n, 1500n), isCoveredBy(above, 1500n, 1501n)]).toEqual([true, true, false]);
    const below = parse({ metric: 'termMonths', op: '<', value: 12 });
    expect([isCoveredBy(below, 6n, 9n), isCoveredBy(below, 6n, 3n)]).toEqual([true, false]);
    const currency = parse({ metric: 'currency', op: '!=', value: 'EUR' });
    expect([isCoveredBy(currency, 'USD', 'USD'), isCoveredBy(currency, 'USD', 'GBP')]).toEqual([true, false]);
  });

  it('needs a new approval only for firing rules no grant covers, including a grant made under another condition', () => {
    const rules = [rule('b', { metric: 'maxLineDiscountBps', op: '>', value: 2000 }, 2), rule('a', { metric: 'maxLineDiscountBps', op: '>', value: 1000 }), rule('c', { metric: 'termMonths', op: '<', value: 12 })];
    const firing = firingRules(rules, metrics);
    expect(firing.map((f) => [f.rule.id, f.actual])).toEqual([['a', 2500n], ['b', 2500n]]);
    const grants = [
      { ruleId: 'a', snapshot: { condition: parse({ metric: 'maxLineDiscountBps', op: '>', value: 1000 }), actual: 3000n } },
      { ruleId: 'b', snapshot: { condition: parse({ metric: 'maxLineDiscountBps', op: '>', value: 1500 }), actual: 3000n } },
    ];
    expect(uncoveredRules(firing, grants).map((f) => f.rule.id)).toEqual(['b']);
  });
});
