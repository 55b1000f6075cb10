import { z } from 'zod';
import { text } from '../shared/validation/field-schemas.ts';

export { currencySchema, isPlainDateText, plainDateSchema, recordId as recordIdSchema, text } from '../shared/validation/field-schemas.ts';

// Field schemas only billing's inputs use; the common ones come from shared/validation.
export const sourceSystemSchema = text(50).describe('The system a record was imported from, e.g. "stripe"');
export const externalIdSchema = text(200).describe('The record id in the source system');

export const instantSchema = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 with offset, e.g. 2026-01-15T09:00:00Z');

// 18 digits keeps every value inside SQL bigint; strings carry amounts beyond 2^53 exactly.
const integerText = z.string().regex(/^-?\d{1,18}$/, 'expected an integer');
export const minorAmountSchema = z
  .union([z.bigint(), z.int(), integerText])
  .transform((value) => BigInt(value))
  .describe('Integer amount in minor units (cents), as a number or a string of digits');
export const nonNegativeMinorSchema = minorAmountSchema.refine((value) => value >= 0n, { message: 'must not be negative' });
export const positiveMinorSchema = minorAmountSchema.refine((value) => value > 0n, { message: 'must be positive' });

export const quantitySchema = z
  .union([z.bigint(), z.int(), integerText])
  .transform((value) => BigInt(value))
  .refine((value) => value >= 0n && value < 10n ** 15n, { message: 'must be a whole number from 0 to 10^15' })
  .describe('Whole units, e.g. seats');

/** An exact decimal in major units ("0.0015"), for sub-cent usage prices. */
export const decimalTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,12})?$/, 'expected a non-negative decimal such as 0.0015')
  .transform(canonicalDecimal);

export const itemKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'letters, digits and _ . : - (up to 100), e.g. "pro-seat"')
  .describe('Identifies an item within its subscription across versions; a product code until the catalog exists');

/** "007.50" → "7.5", "1.000" → "1": one spelling per value, so stored decimals compare as text. */
export function canonicalDecimal(text: string): string {
  const [integer = '0', fraction = ''] = text.split('.');
  const whole = integer.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals === '' ? whole : `${whole}.${decimals}`;
}
