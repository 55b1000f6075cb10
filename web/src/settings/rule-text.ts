import type { TFunction } from 'i18next';
import { isCurrencyCode, parseDecimalToMinor } from '../../../src/shared/money.ts';
import { formatMoney } from '../lib/format-money.ts';
import { formatBps, percentToBps } from './settings-kit.ts';

/** The metrics an approval condition can test (src/cpq/quote-metrics.ts). */
export const METRICS = ['maxLineDiscountBps', 'discountBps', 'totalDiscountBps', 'acvMinor', 'tcvMinor', 'termMonths', 'paymentTermsDays', 'belowFloor', 'currency'] as const;
export type Metric = (typeof METRICS)[number];
export const OPERATORS = ['>', '>=', '<', '<=', '=', '!=', 'in', 'not_in'] as const;
export type Operator = (typeof OPERATORS)[number];
/** Label keys for the operators (settingsPages.rules.op.*). */
export const OPERATOR_KEYS: Record<Operator, string> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '=': 'eq', '!=': 'ne', in: 'in', not_in: 'not_in' };
export const APPROVER_ROLES = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

const PERCENT_METRICS: readonly Metric[] = ['maxLineDiscountBps', 'discountBps', 'totalDiscountBps'];
export const MONEY_METRICS: readonly Metric[] = ['acvMinor', 'tcvMinor'];

export type Condition = { metric: Metric; op: Operator; value: number | string | boolean | string[]; currency?: string };

/** Which operators make sense for a metric (the server checks the same, src/cpq/approval-conditions.ts). */
export function operatorsFor(metric: Metric): readonly Operator[] {
  if (metric === 'belowFloor') return ['=', '!='];
  if (metric === 'currency') return ['=', '!=', 'in', 'not_in'];
  return ['>', '>=', '<', '<=', '=', '!='];
}

/**
 * The condition's value from what was typed: percent → basis points, amount → minor units
 * (exactly, by the currency's exponent), yes/no → boolean, codes → list. Text that does not
 * parse is sent as typed, so the server's field error explains it next to the input.
 */
export function conditionValueFromText(metric: Metric, op: Operator, text: string, currency: string): Condition['value'] {
  const trimmed = text.trim();
  if (metric === 'belowFloor') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (metric === 'currency') {
    const codes = trimmed.split(/[\s,;]+/).filter((code) => code !== '').map((code) => code.toUpperCase());
    return op === 'in' || op === 'not_in' ? codes : (codes[0] ?? '');
  }
  if (PERCENT_METRICS.includes(metric)) return percentToBps(trimmed) ?? trimmed;
  if (MONEY_METRICS.includes(metric)) {
    const code = currency.trim().toUpperCase();
    if (!isCurrencyCode(code)) return trimmed;
    try {
      const minor = parseDecimalToMinor(trimmed, code);
      return minor >= 0n && minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : trimmed;
    } catch {
      return trimmed;
    }
  }
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** "Max line discount > 20 %", "TCV ≥ €50,000.00", "Currency in USD, GBP". */
export function describeCondition(condition: Condition, t: TFunction, locale: string): string {
  const metric = t(`settingsPages.rules.metric.${condition.metric}`);
  const op = t(`settingsPages.rules.op.${OPERATOR_KEYS[condition.op]}`);
  const { value } = condition;
  let shown: string;
  if (Array.isArray(value)) shown = value.join(', ');
  else if (typeof value === 'boolean') shown = value ? t('settingsPages.common.yes') : t('settingsPages.common.no');
  else if (typeof value === 'number' && PERCENT_METRICS.includes(condition.metric)) shown = formatBps(value, locale);
  else if (typeof value === 'number' && MONEY_METRICS.includes(condition.metric) && condition.currency) shown = formatMoney(value, condition.currency, locale);
  else if (typeof value === 'number') shown = new Intl.NumberFormat(locale).format(value);
  else shown = String(value);
  return `${metric} ${op} ${shown}`;
}

export type RuleCheck = { check: string; op: string; value: unknown; actual: unknown };

/**
 * One row of a rule test (POST /rules/:id/evaluate): an approval condition's check is its metric's
 * code and is named like the rule; a product rule's check is the server's own sentence, shown as is.
 */
export function describeCheck(check: RuleCheck, t: TFunction): { check: string; expected: string; actual: string } {
  const show = (value: unknown): string => {
    if (typeof value === 'boolean') return value ? t('settingsPages.common.yes') : t('settingsPages.common.no');
    if (Array.isArray(value)) return value.join(', ');
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  };
  const metric = (METRICS as readonly string[]).includes(check.check) ? t(`settingsPages.rules.metric.${check.check}`) : check.check;
  const op = (OPERATORS as readonly string[]).includes(check.op) ? t(`settingsPages.rules.op.${OPERATOR_KEYS[check.op as Operator]}`) : check.op;
  return { check: metric, expected: `${op} ${show(check.value)}`, actual: show(check.actual) };
}
