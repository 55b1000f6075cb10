import { z } from 'zod';
import { currencySchema, plainDateSchema } from '../shared/validation/field-schemas.ts';

// Field schemas of CPQ's inputs; each names its own failure (never a 500 from a CHECK).
export const text = (max: number) => z.string().trim().min(1).max(max);
export const recordId = z.string().min(1).max(100);
export const bpsSchema = z.number().int().min(0).max(10_000).describe('basis points: 100 = 1 %');
export const countSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// The shared ones, so a quote's dates and currency fail as every other's (invalid_format, with params).
export { currencySchema, plainDateSchema };
const minorSchema = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, 'a non-negative integer')]);
export const moneyInputSchema = z.strictObject({ amountMinor: minorSchema, currency: currencySchema }).describe('{"amountMinor": 12345, "currency": "EUR"}');
export const moneyJsonSchema = z.object({ amountMinor: z.union([z.number(), z.string()]), currency: z.string() });
/** A discount: a percentage in bps, or an amount in the quote's currency. */
export const discountSchema = z.union([z.strictObject({ percentBps: bpsSchema }), z.strictObject({ amount: moneyInputSchema })]);
export const discountJsonSchema = z.union([z.object({ percentBps: z.number().int() }), z.object({ amount: moneyJsonSchema })]);

