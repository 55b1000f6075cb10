import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { ApiError } from '../lib/api.ts';
import { localizeFieldError } from '../lib/field-error-message.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';

export type PlacedErrors = {
  /** Header fields (startDate, termMonths, discount …) → message. */
  header: Record<string, string>;
  /** Line number → field (quantity, discount, ramp …) → message. */
  lines: Record<number, Record<string, string>>;
  /** What no field claims: the problem's title and detail. */
  banner: ErrorSummary | null;
};

/**
 * Places a problem's field errors where they belong in the builder: `body.<field>` at the header
 * (or at `ownLine` for a line's own request), `lines.<n>.<field>` at line n (a re-price that a line
 * no longer fits). Anything else becomes the banner. Each in the reader's language with its limit
 * (localizeFieldError).
 */
export function placeErrors(error: unknown, t: TFunction, ownLine: number | null = null): PlacedErrors {
  const placed: PlacedErrors = { header: {}, lines: {}, banner: null };
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  let unplaced = errors.length === 0;
  for (const serverError of errors) {
    const fieldError = { ...serverError, message: localizeFieldError(serverError, t, intlLocale()) };
    const lineMatch = /^(?:body\.)?lines\.(\d+)\.([A-Za-z]+)/.exec(fieldError.field);
    const bodyMatch = /^body\.([A-Za-z]+)/.exec(fieldError.field);
    if (lineMatch) {
      const line = Number(lineMatch[1]);
      (placed.lines[line] ??= {})[lineMatch[2] ?? 'quantity'] ??= fieldError.message;
    } else if (bodyMatch && ownLine !== null) {
      (placed.lines[ownLine] ??= {})[bodyMatch[1] ?? 'quantity'] ??= fieldError.message;
    } else if (bodyMatch) {
      placed.header[bodyMatch[1] ?? ''] ??= fieldError.message;
    } else {
      unplaced = true;
    }
  }
  if (unplaced) placed.banner = summarizeError(error, t);
  return placed;
}
