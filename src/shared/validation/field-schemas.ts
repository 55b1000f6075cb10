import { z } from 'zod';
import { parsePlainDate } from '../dates.ts';
import { isCurrencyCode } from '../money.ts';

// Field schemas every domain's inputs use. Each normalizes its own value, so a service may parse
// input the route already parsed (an idempotent parse), and each failure names its field — never
// a 500 from a CHECK constraint.
export const text = (max: number) => z.string().trim().min(1).max(max);
export const recordId = z.string().min(1).max(100);

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

export function isPlainDateText(value: string): boolean {
  try {
    parsePlainDate(value);
    return true;
  } catch {
    return false;
  }
}
