import { z } from 'zod';
import { isCurrencyCode } from '../money.ts';

// Field schemas every domain's inputs use. Each normalizes its own value, so a service may parse
// input the route already parsed (an idempotent parse), and each failure names its field — never
// a 500 from a CHECK constraint.
// Messages in words: zod's own ("Too small: expected string to have >=1 characters") name no rule.
export const text = (max: number) => z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'expected text') })
  .trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const recordId = z.string().min(1).max(100);

// Formats other than zod's own are string formats of their own name (z.stringFormat), so a bad value
// is code invalid_format with params { format } like an e-mail or a date: a client words it in its
// reader's language (docs/architecture.md "Errors"), where a refine would say only "custom".

/** A code with a known exponent (shared/money.ts): invalid_format { format: 'currency_code' }. Checks the normalized text. */
export const currencyCodeFormat = (message: string) => z.stringFormat('currency_code', isCurrencyCode, { error: message });

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A calendar month as YYYY-MM: invalid_format { format: 'month' }. */
export const monthFormat = (message: string) => z.stringFormat('month', MONTH_PATTERN, { error: message });

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .check(currencyCodeFormat('not an ISO 4217 currency code with minor units'))
  .describe('ISO 4217 code, e.g. EUR (case-insensitive on input)');

// zod's own date format (z.iso.date), as a check so that a value that is no text keeps the words of
// its type ("expected text, got a number"): invalid_format { format: 'date' }, also for a day the
// month does not have (2026-02-30). field-schemas.test.ts proves it takes what isPlainDateText takes.
export const plainDateSchema = z
  .string()
  .check(z.iso.date({ error: 'expected a calendar date as YYYY-MM-DD' }))
  .describe('Calendar date, YYYY-MM-DD');

const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether parsePlainDate accepts the text, decided by calendar arithmetic (proleptic Gregorian,
 * as Temporal): building a Temporal.PlainDate costs tens of microseconds in the polyfill, which
 * made this check the slowest part of an imported record. field-schemas.test.ts proves both agree.
 */
export function isPlainDateText(value: string): boolean {
  const match = DATE_PARTS.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}
