import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { recordId, text } from '../shared/validation/field-schemas.ts';
import { currencySchema } from './schema.ts';

// Field schemas shared by the crm's parts (contacts, leads, campaigns, activities, opportunities,
// tickets); the ones every domain uses come from shared/validation. Like the account schemas, each
// normalizes its own value so a service can parse input the route has already parsed, and each
// failure names its field.

export { recordId, text };

/**
 * Normalized e-mail: trimmed and lower-cased, the form the dedupe indexes compare. The local part
 * is case-sensitive in theory (RFC 5321) but no mail system we import from treats it so.
 */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email('not an e-mail address such as ada@example.com')
  .describe('E-mail address; stored trimmed and lower-cased');

export function isInstantText(value: string): boolean {
  try {
    Temporal.Instant.from(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * An instant with an explicit offset (no local times: STYLE.md "Dates"); read with toInstantDate.
 * Temporal decides, as toInstantDate reads it; a bad one is invalid_format { format: 'datetime' }, as zod's own.
 */
export const instantSchema = z
  .string()
  .max(40)
  .check(z.stringFormat('datetime', isInstantText, { error: 'expected an ISO 8601 instant with offset, e.g. 2026-01-15T09:00:00Z' }))
  .describe('Instant, ISO 8601 with offset, e.g. 2026-01-15T09:00:00Z');

/** Whole milliseconds, as the clock writes them, so keyset cursors round-trip exactly. */
export function toInstantDate(text: string): Date {
  return new Date(Temporal.Instant.from(text).epochMilliseconds);
}

const MAX_BIGINT = 2n ** 63n - 1n;

/** One message per bad amount: non-negative, an integer, and within SQL bigint. */
function amountProblem(value: number | string): string | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return 'expected a non-negative integer number of minor units';
    return Number.isSafeInteger(value) ? null : 'beyond 2^53; send the amount as a string of digits';
  }
  if (!/^\d{1,19}$/.test(value)) return 'expected a string of digits (minor units)';
  return BigInt(value) <= MAX_BIGINT ? null : 'too large';
}

/**
 * Money as JSON (STYLE.md "Money"): amountMinor is an integer, as a number while it is a safe
 * integer and as a decimal string beyond. Non-negative: budgets, costs and deal amounts.
 * Stays in JSON form (moneyFromJson turns it into Money) so that parsing twice is harmless.
 */
export const nonNegativeMoneySchema = z
  .object({
    amountMinor: z.union([z.number(), z.string()]).superRefine((value, ctx) => {
      const problem = amountProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
    currency: currencySchema,
  })
  .strict()
  .describe('Money: non-negative integer minor units (cents) and an ISO 4217 code');

export const moneyJsonSchema = z.object({
  amountMinor: z.union([z.number().int(), z.string()]).describe('Minor units; a string when beyond 2^53'),
  currency: z.string(),
});

/** Half-open created range, shared by every list filter. */
export const createdRangeQuery = {
  createdFrom: instantSchema.optional().describe('Created at or after this instant'),
  createdBefore: instantSchema.optional().describe('Created before this instant (half-open range)'),
};
