import { z } from 'zod';
import { currencySchema } from '../shared/validation/field-schemas.ts';

export { currencySchema, plainDateSchema, recordId, text } from '../shared/validation/field-schemas.ts';

// Field schemas only the catalog's inputs use; the common ones come from shared/validation.
export const versionSchema = z.number().int().positive();

/** Non-negative, at most 15 integer and 10 fraction digits: the prices.unit_amount CHECK. */
export const decimalTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,10})?$/, 'expected a non-negative decimal such as "12.50" or "0.0125"')
  .describe('Exact decimal in major units, as text (sub-cent allowed): "0.0125"');

export const instantSchema = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 with offset');

const safeMinor = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, 'a non-negative integer')]);
/** Money as JSON carries it (STYLE.md "Money"): integer minor units beside the currency. */
export const moneyInputSchema = z.object({ amountMinor: safeMinor, currency: currencySchema }).strict();
export const moneyResponseSchema = z.object({ amountMinor: z.union([z.number(), z.string()]), currency: z.string() });

/** "true"/"false" in a query string; a boolean too, because services parse what the route parsed. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
