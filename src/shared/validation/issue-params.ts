import type { FieldError, FieldErrorParams } from '../errors.ts';
import { isMissingValue, plainIssueMessage, type IssueLike } from './issue-message.ts';

/**
 * A zod issue as a field error: the field, its message in plain words, zod's code and the
 * issue's parameters, so a client can say "Höchstens 100 Zeichen." in its reader's language. The
 * one conversion for a route's validation error and a service's parseInput alike.
 */
export function toFieldError(field: string, issue: IssueLike, message = plainIssueMessage(issue)): FieldError {
  const params = issueParams(issue);
  return { field, message, ...(issue.code === undefined ? {} : { code: issue.code }), ...(params === undefined ? {} : { params }) };
}

/**
 * The parameters of an issue in the documented shape of FieldErrorParams (src/shared/errors.ts),
 * or undefined for a code without any or params too thin or not JSON-safe to send. Only what a
 * client words a message with: never the input nor its type, and never a regular expression (a pattern means
 * nothing to the reader and may tell more about the check than the API should).
 */
export function issueParams(issue: IssueLike): FieldErrorParams | undefined {
  switch (issue.code) {
    case 'too_small':
    case 'too_big': return sizeParams(issue);
    case 'invalid_format': return formatParams(issue);
    case 'invalid_value': return valuesParams(issue.values);
    case 'not_multiple_of': {
      const divisor = jsonNumber(issue.divisor);
      return divisor === undefined ? undefined : { divisor };
    }
    // The type the schema wants, never what came: zod also puts the received type on some issues.
    // `missing`: nothing was sent, which a client words as "required" rather than as a wrong type.
    case 'invalid_type': return typeof issue.expected === 'string' ? { expected: issue.expected, ...(isMissingValue(issue) ? { missing: true as const } : {}) } : undefined;
    default: return undefined;
  }
}

/** A number as JSON carries it: a bigint as a string of digits (JSON readers lose digits beyond 2^53). */
function jsonNumber(value: unknown): number | string | undefined {
  if (typeof value === 'bigint') return value.toString();
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function sizeParams(issue: IssueLike): FieldErrorParams | undefined {
  if (typeof issue.origin !== 'string') return undefined;
  const big = issue.code === 'too_big';
  const raw = big ? issue.maximum : issue.minimum;
  // zod gives a date's limit as epoch milliseconds; an instant says it unambiguously.
  const limit = issue.origin === 'date' ? isoInstant(raw) : jsonNumber(raw);
  if (limit === undefined) return undefined;
  return {
    origin: issue.origin,
    ...(big ? { maximum: limit } : { minimum: limit }),
    inclusive: issue.inclusive !== false,
    ...(issue.exact === true ? { exact: true as const } : {}),
  };
}

function isoInstant(value: unknown): string | undefined {
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

const FORMAT_ARGUMENTS = { starts_with: 'prefix', ends_with: 'suffix', includes: 'includes' } as const;

function formatParams(issue: IssueLike): FieldErrorParams | undefined {
  if (typeof issue.format !== 'string') return undefined;
  const argument = Object.hasOwn(FORMAT_ARGUMENTS, issue.format) ? FORMAT_ARGUMENTS[issue.format as keyof typeof FORMAT_ARGUMENTS] : null;
  const value = argument === null ? undefined : issue[argument];
  return { format: issue.format, ...(argument !== null && typeof value === 'string' ? { [argument]: value } : {}) };
}

/** The allowed values when every one is a JSON scalar (a bigint as digits); else none, rather than a partial list. */
function valuesParams(values: unknown): FieldErrorParams | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const safe: (string | number | boolean | null)[] = [];
  for (const value of values) {
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) safe.push(value);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') safe.push(jsonNumber(value) as number | string);
    else return undefined;
  }
  return { values: safe };
}
