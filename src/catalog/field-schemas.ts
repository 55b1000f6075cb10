import { z } from 'zod';
import { parsePlainDate } from '../shared/dates.ts';
import { isCurrencyCode } from '../shared/money.ts';

// Field schemas shared by the catalog's inputs. Each normalizes its own value, so a service may
// parse input the route already parsed, and each failure names its field (never a 500 from a CHECK).
export const text = (max: number) => z.string().trim().min(1).max(max);
export const recordId = z.string().min(1).max(100);
export const versionSchema = z.number().int().positive();

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { message: 'not an ISO 4217 currency code with minor units' })
  .describe('ISO 4217 code, e.g. EUR (case-insensitive on input)');

export const plainDateSchema = z
  .string()
  .refine(isPlainDateText, { message: 'expected a calendar date as YYYY-MM-DD' })
  .describe('Calendar date, YYYY-MM-DD');

/** Non-negative, at most 15 integer and 10 fraction digits: the prices.unit_amount CHECK. */
export const decimalTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,10})?$/, 'expected a non-negative decimal such as "12.50" or "0.0125"')
  .describe('Exact decimal in major units, as text (sub-cent allowed): "0.0125"');

export const instantSchema = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 with offset');

const safeMinor = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/)]);
/** Money as JSON carries it (STYLE.md "Money"): integer minor units beside the currency. */
export const moneyInputSchema = z.object({ amountMinor: safeMinor, currency: currencySchema }).strict();
export const moneyResponseSchema = z.object({ amountMinor: z.union([z.number(), z.string()]), currency: z.string() });

/** "true"/"false" in a query string; a boolean too, because services parse what the route parsed. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

function isPlainDateText(value: string): boolean {
  try {
    parsePlainDate(value);
    return true;
  } catch {
    return false;
  }
}
