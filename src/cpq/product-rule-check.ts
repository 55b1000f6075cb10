import type { RuleCheck } from './rule-check.ts';
import type { ProductRuleKind } from './tables.ts';

export type ProductRule = {
  id: string;
  name: string;
  kind: ProductRuleKind;
  productId: string;
  relatedProductId: string | null;
  quantity: bigint | null;
  active: boolean;
};

/** A quote line as configuration sees it: the product and every quantity it has (one per ramp year). */
export type ConfiguredLine = { lineNumber: number; productId: string; quantities: { year: number | null; quantity: bigint }[] };
export type ProductRuleResult = { fires: boolean; checks: RuleCheck[]; message: string | null };
type Sku = (productId: string) => string;

/**
 * One configuration rule against a quote's lines (docs/cpq.md "Configuration rules"):
 * requires — A on the quote needs B; excludes — never A and B together; addon_of — add-on A needs
 * at least one of its base products (every active addon_of rule of A names one); min_qty and
 * max_qty — each line of A, and each ramp year, within the limit. The message names the rule.
 */
export function evaluateProductRule(rule: ProductRule, allRules: readonly ProductRule[], lines: readonly ConfiguredLine[], sku: Sku): ProductRuleResult {
  const has = (productId: string | null) => productId !== null && lines.some((line) => line.productId === productId);
  const a = sku(rule.productId);
  const b = rule.relatedProductId === null ? '' : sku(rule.relatedProductId);
  const named = `Rule "${rule.name}" (${rule.kind})`;
  const present = (productId: string | null, label: string, expected: boolean): RuleCheck => {
    const actual = has(productId);
    return { check: `${label} on the quote`, op: '=', value: expected, actual, fires: actual === expected };
  };
  switch (rule.kind) {
    case 'requires':
      return verdict([present(rule.productId, a, true), present(rule.relatedProductId, b, false)], `${named}: ${a} requires ${b} on the same quote`);
    case 'excludes':
      return verdict([present(rule.productId, a, true), present(rule.relatedProductId, b, true)], `${named}: ${a} cannot be quoted together with ${b}`);
    case 'addon_of': {
      const bases = allRules.filter((other) => other.active && other.kind === 'addon_of' && other.productId === rule.productId).map((other) => other.relatedProductId);
      const baseSkus = bases.map((base) => (base === null ? '' : sku(base))).join(' or ');
      const anyBase = bases.some(has);
      return verdict([present(rule.productId, a, true), { check: `a base product (${baseSkus}) on the quote`, op: '=', value: false, actual: anyBase, fires: !anyBase }],
        `${named}: ${a} is an add-on and needs its base product ${baseSkus} on the quote`);
    }
    case 'min_qty':
    case 'max_qty':
      return quantityVerdict(rule, lines, named, a);
  }
}

function verdict(checks: RuleCheck[], message: string): ProductRuleResult {
  const fires = checks.every((check) => check.fires);
  return { fires, checks, message: fires ? message : null };
}

function quantityVerdict(rule: ProductRule, lines: readonly ConfiguredLine[], named: string, a: string): ProductRuleResult {
  const limit = rule.quantity ?? 0n;
  const isMin = rule.kind === 'min_qty';
  const checks = lines
    .filter((line) => line.productId === rule.productId)
    .flatMap((line) => line.quantities.map(({ year, quantity }) => ({
      check: year === null ? `line ${line.lineNumber} quantity` : `line ${line.lineNumber} year ${year} quantity`,
      op: isMin ? '<' : '>',
      value: Number(limit),
      actual: Number(quantity),
      fires: isMin ? quantity < limit : quantity > limit,
    })));
  const first = checks.find((check) => check.fires);
  const message = first ? `${named}: ${first.check} of ${a} is ${first.actual}; the ${isMin ? 'minimum' : 'maximum'} is ${limit}` : null;
  return { fires: first !== undefined, checks, message };
}

/** Every active rule's violation, in rule order; empty when the configuration is valid. */
export function productRuleViolations(rules: readonly ProductRule[], lines: readonly ConfiguredLine[], sku: Sku) {
  return rules
    .filter((rule) => rule.active)
    .map((rule) => ({ rule, result: evaluateProductRule(rule, rules, lines, sku) }))
    .filter(({ result }) => result.fires)
    .map(({ rule, result }) => ({ ruleId: rule.id, name: rule.name, kind: rule.kind, message: result.message ?? '' }));
}
