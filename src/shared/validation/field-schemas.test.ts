import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePlainDate } from '../dates.ts';
import type { FieldError } from '../errors.ts';
import { currencyCodeFormat, currencySchema, isPlainDateText, monthFormat, plainDateSchema } from './field-schemas.ts';
import { toFieldError } from './issue-params.ts';

function acceptedByTemporal(text: string): boolean {
  try {
    parsePlainDate(text);
    return true;
  } catch {
    return false;
  }
}

describe('isPlainDateText', () => {
  it('agrees with parsePlainDate (Temporal) on every well-formed and malformed date text', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const shaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 })), (text) => {
      expect(isPlainDateText(text)).toBe(acceptedByTemporal(text));
    }), { numRuns: 5000 });
  });

  it('knows the leap-year rules and the edges of months', () => {
    expect(['2024-02-29', '2000-02-29', '2025-12-31', '0000-01-01', '1900-02-28'].map(isPlainDateText)).toEqual([true, true, true, true, true]);
    expect(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', ' 2025-01-01'].map(isPlainDateText))
      .toEqual([false, false, false, false, false, false, false]);
  });
});

/** The one field error a schema gives for `input`, as a route or parseInput reports it. */
function fieldErrorOf(schema: z.ZodType, input: unknown): FieldError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  expect(result.error.issues).toHaveLength(1);
  return toFieldError('body.x', result.error.issues[0] ?? {});
}

const notText = { field: 'body.x', message: 'expected text, got a number', code: 'invalid_type', params: { expected: 'string' } };

describe('plainDateSchema: zod\u2019s date format, with code and params a client can word', () => {
  it('says invalid_format { format: date } in its own words, for a day the month lacks too', () => {
    for (const text of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', 'yesterday', ' 2026-01-15', '']) {
      expect(fieldErrorOf(plainDateSchema, text)).toEqual({ field: 'body.x', message: 'expected a calendar date as YYYY-MM-DD', code: 'invalid_format', params: { format: 'date' } });
    }
  });

  it('keeps the words of a type for a value that is no text: invalid_type { expected: string }', () => {
    expect(fieldErrorOf(plainDateSchema, 20260115)).toEqual(notText);
    expect(fieldErrorOf(plainDateSchema, undefined)).toEqual({ ...notText, message: 'is required', params: { expected: 'string', missing: true } });
  });

  it('takes what isPlainDateText takes: every day of every month of leap and common years, and any text', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const accepts = (text: string) => plainDateSchema.safeParse(text).success;
    // The leap-year rule over every year: the 28th, 29th and 30th of February.
    for (let year = 0; year <= 9999; year += 1) {
      for (const day of ['28', '29', '30']) {
        const text = `${pad(year, 4)}-02-${day}`;
        expect(accepts(text), text).toBe(isPlainDateText(text));
      }
    }
    for (const year of [0, 4, 100, 400, 1900, 1999, 2000, 2024, 2026, 2100, 9999]) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(accepts(text), text).toBe(isPlainDateText(text));
        }
      }
    }
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (text) => {
      expect(accepts(text)).toBe(isPlainDateText(text));
    }), { numRuns: 2000 });
  });
});

describe('currencySchema and currencyCodeFormat: invalid_format { format: currency_code }', () => {
  it('says a code without a known exponent in its own words, after trimming and upper-casing', () => {
    expect(currencySchema.parse(' eur ')).toBe('EUR');
    for (const text of ['XYZ', 'EURO', 'E', '']) {
      expect(fieldErrorOf(currencySchema, text)).toEqual({ field: 'body.x', message: 'not an ISO 4217 currency code with minor units', code: 'invalid_format', params: { format: 'currency_code' } });
    }
    expect(fieldErrorOf(currencySchema, 978)).toEqual(notText);
  });

  it('keeps the message each schema gives it', () => {
    const schema = z.string().check(currencyCodeFormat('not an ISO 4217 currency code, e.g. USD'));
    expect(schema.parse('USD')).toBe('USD');
    expect(fieldErrorOf(schema, 'usd')).toEqual({ field: 'body.x', message: 'not an ISO 4217 currency code, e.g. USD', code: 'invalid_format', params: { format: 'currency_code' } });
  });
});

describe('monthFormat: invalid_format { format: month }', () => {
  const month = z.string().check(monthFormat('expected a month as YYYY-MM'));
  it('takes YYYY-MM and refuses anything else in its own words', () => {
    expect(['2026-01', '2026-12', '0000-01'].map((text) => month.safeParse(text).success)).toEqual([true, true, true]);
    for (const text of ['2026-13', '2026-00', '2026-1', '2026-01-15', 'March', '']) {
      expect(fieldErrorOf(month, text)).toEqual({ field: 'body.x', message: 'expected a month as YYYY-MM', code: 'invalid_format', params: { format: 'month' } });
    }
    expect(fieldErrorOf(month, 202601)).toEqual(notText);
  });
});
