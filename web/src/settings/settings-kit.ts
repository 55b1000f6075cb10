import type { TFunction } from 'i18next';
import { apiRequest, ApiError } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';

export { bpsToPercentText } from '../lib/decimal-text.ts';

/**
 * toFormProblem places `body.<name>` errors; settings forms also edit nested values
 * (`body.condition.value`, `body.stages.2.daysAfterDue`). Flattening the path to
 * `body.condition_value` lets those land next to their own input too.
 */
export function toNestedFormProblem<Field extends string>(error: unknown, fieldNames: readonly Field[], t: TFunction): FormProblem<Field> {
  if (!(error instanceof ApiError) || !error.problem.errors) return toFormProblem(error, fieldNames, t);
  const errors = error.problem.errors.map((fieldError) => ({
    ...fieldError,
    field: fieldError.field.replace(/^body\.(.+)$/, (_match, rest: string) => `body.${rest.replaceAll('.', '_')}`),
  }));
  return toFormProblem(new ApiError({ ...error.problem, errors }), fieldNames, t);
}

/** Field-error map keyed by any string (rows of an editable table). */
export function fieldNamesOf(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((fieldError) => /^body\.(.+)$/.exec(fieldError.field)?.[1]?.replaceAll('.', '_') ?? '').filter((name) => name !== '');
}

/**
 * "12.5" (percent) → 1250 basis points, exactly (no float maths); null when the text is
 * not a percentage with at most two decimals.
 */
export function percentToBps(text: string): number | null {
  const match = /^\s*(\d{1,5})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/** Basis points as a localized percentage ("12,5 %" in German). */
export function formatBps(bps: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
}

/** Toggles a rule's `active` flag with its version (optimistic concurrency, If-Match semantics). */
export async function setRuleActive<R extends { id: string; version: number }>(path: string, rule: R, active: boolean): Promise<R> {
  return apiRequest<R>('PATCH', `${path}/${encodeURIComponent(rule.id)}`, { active, version: rule.version });
}

/** A calendar date (YYYY-MM-DD) in the locale; read as UTC midnight so no time zone moves it a day. */
export function formatPlainDate(date: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
