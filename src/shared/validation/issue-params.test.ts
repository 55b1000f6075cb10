import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors.ts';
import { issueParams, toFieldError } from './issue-params.ts';
import { parseInput } from './parse-input.ts';

/** The params of the one issue zod raises for `input`, as a parse returns it. */
function paramsOf(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('the input was accepted');
  expect(result.error.issues).toHaveLength(1);
  return issueParams(result.error.issues[0] ?? {});
}

function fieldErrorsOf(schema: z.ZodType, input: unknown): FieldError[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('issueParams, per zod issue code', () => {
  it('too_small: the origin, the minimum, whether it is allowed itself, and exact for a fixed size', () => {
    expect(paramsOf(z.string().min(1), '')).toEqual({ origin: 'string', minimum: 1, inclusive: true });
    expect(paramsOf(z.number().positive(), 0)).toEqual({ origin: 'number', minimum: 0, inclusive: false });
    expect(paramsOf(z.array(z.string()).min(2), ['a'])).toEqual({ origin: 'array', minimum: 2, inclusive: true });
    expect(paramsOf(z.set(z.string()).min(2), new Set(['a']))).toEqual({ origin: 'set', minimum: 2, inclusive: true });
    expect(paramsOf(z.string().length(3), 'ab')).toEqual({ origin: 'string', minimum: 3, inclusive: true, exact: true });
    // A schema's own message keeps its words, and its check still gives the limit.
    expect(paramsOf(z.int().min(1, 'one or more'), 0)).toEqual({ origin: 'number', minimum: 1, inclusive: true });
  });

  it('too_big: the maximum; a bigint as a string of digits, a date as an ISO instant — both as JSON carries them', () => {
    expect(paramsOf(z.string().max(100), 'x'.repeat(101))).toEqual({ origin: 'string', maximum: 100, inclusive: true });
    expect(paramsOf(z.number().lt(10), 10)).toEqual({ origin: 'number', maximum: 10, inclusive: false });
    expect(paramsOf(z.int(), 2 ** 70)).toEqual({ origin: 'int', maximum: 9007199254740991, inclusive: true });
    expect(paramsOf(z.bigint().max(9_007_199_254_740_993n), 9_007_199_254_740_994n)).toEqual({ origin: 'bigint', maximum: '9007199254740993', inclusive: true });
    expect(paramsOf(z.bigint().min(2n), 1n)).toEqual({ origin: 'bigint', minimum: '2', inclusive: true });
    expect(paramsOf(z.date().max(new Date('2026-01-31T00:00:00Z')), new Date('2026-02-01T00:00:00Z'))).toEqual({ origin: 'date', maximum: '2026-01-31T00:00:00.000Z', inclusive: true });
    expect(JSON.parse(JSON.stringify(paramsOf(z.bigint().max(10n), 11n)))).toEqual({ origin: 'bigint', maximum: '10', inclusive: true });
  });

  it('invalid_format: the format and the text a starts/ends/includes check wants, never a regular expression', () => {
    expect(paramsOf(z.iso.date(), '2026-02-30')).toEqual({ format: 'date' });
    expect(paramsOf(z.iso.datetime(), 'yesterday')).toEqual({ format: 'datetime' });
    expect(paramsOf(z.email(), 'ada')).toEqual({ format: 'email' });
    expect(paramsOf(z.string().startsWith('inv_'), 'pay_1')).toEqual({ format: 'starts_with', prefix: 'inv_' });
    expect(paramsOf(z.string().endsWith('.csv'), 'a.txt')).toEqual({ format: 'ends_with', suffix: '.csv' });
    expect(paramsOf(z.string().includes('@'), 'a')).toEqual({ format: 'includes', includes: '@' });
    expect(paramsOf(z.string().regex(/^[A-Z]{3}$/, 'three capitals'), 'eur')).toEqual({ format: 'regex' });
    expect(JSON.stringify(paramsOf(z.iso.date(), 'x'))).not.toContain('\\d');
  });

  it('invalid_value: the allowed values when all are JSON scalars (a bigint as digits), else none rather than some', () => {
    expect(paramsOf(z.enum(['asc', 'desc']), 'up')).toEqual({ values: ['asc', 'desc'] });
    expect(paramsOf(z.literal([1, true, null, 'x']), 'y')).toEqual({ values: [1, true, null, 'x'] });
    expect(paramsOf(z.literal(5n), 6n)).toEqual({ values: ['5'] });
    expect(paramsOf(z.literal([1, undefined]), 2)).toBeUndefined();
  });

  it('not_multiple_of: the divisor', () => {
    expect(paramsOf(z.number().multipleOf(5), 7)).toEqual({ divisor: 5 });
    expect(paramsOf(z.bigint().multipleOf(3n), 4n)).toEqual({ divisor: '3' });
  });

  it('invalid_type: the type expected, never the one received (zod puts "Infinity" or "NaN" on the issue)', () => {
    expect(paramsOf(z.string(), 5)).toEqual({ expected: 'string' });
    // Nothing given: the client words it as required, not as a wrong type.
    expect(paramsOf(z.string(), undefined)).toEqual({ expected: 'string', missing: true });
    expect(paramsOf(z.strictObject({ name: z.string() }), {})).toEqual({ expected: 'string', missing: true });
    expect(paramsOf(z.number(), Number.POSITIVE_INFINITY)).toEqual({ expected: 'number' });
    expect(paramsOf(z.coerce.number(), 'abc')).toEqual({ expected: 'number' });
    expect(paramsOf(z.int(), 1.5)).toEqual({ expected: 'int' });
    expect(paramsOf(z.boolean(), 'yes')).toEqual({ expected: 'boolean' });
    expect(paramsOf(z.array(z.string()), {})).toEqual({ expected: 'array' });
    expect(paramsOf(z.strictObject({}), [])).toEqual({ expected: 'object' });
    expect(issueParams({ code: 'invalid_type', received: 'number', message: 'Invalid input: expected string, received number' })).toBeUndefined();
  });

  it('none for codes without parameters, and none from params too thin or not finite', () => {
    expect(paramsOf(z.strictObject({}), { a: 1 })).toBeUndefined();
    expect(paramsOf(z.union([z.string(), z.number()]), true)).toBeUndefined();
    expect(paramsOf(z.string().refine(() => false), 'x')).toBeUndefined();
    expect(issueParams({ code: 'too_big', message: 'Too big' })).toBeUndefined();
    expect(issueParams({ code: 'too_big', origin: 'number', maximum: Number.POSITIVE_INFINITY })).toBeUndefined();
    expect(issueParams({ code: 'too_small', minimum: 1 })).toBeUndefined();
    expect(issueParams({ code: 'invalid_format', pattern: '/^x$/' })).toBeUndefined();
    expect(issueParams({ code: 'invalid_value', values: [] })).toBeUndefined();
  });

  it('reads an issue as a route hands it on (fastify-type-provider-zod spreads its params in), bigints included', () => {
    expect(issueParams({ code: 'too_big', origin: 'bigint', maximum: 10n, inclusive: true, message: 'Too big: expected bigint to be <=10' })).toEqual({ origin: 'bigint', maximum: '10', inclusive: true });
    expect(issueParams({ code: 'invalid_format', format: 'regex', pattern: '/^\\d+$/', origin: 'string' })).toEqual({ format: 'regex' });
    expect(issueParams({ code: 'invalid_type', expected: 'number', received: 'Infinity', message: 'Invalid input: expected number, received Infinity' })).toEqual({ expected: 'number' });
  });
});

describe('toFieldError and parseInput', () => {
  it('keep field, message and code as they were and add the params', () => {
    const schema = z.strictObject({ name: z.string().max(3), kind: z.enum(['a', 'b']), count: z.int().min(1), note: z.string() });
    expect(fieldErrorsOf(schema, { name: 'abcd', kind: 'c', count: 0, note: 5 })).toEqual([
      { field: 'body.name', message: 'must be at most 3 characters', code: 'too_big', params: { origin: 'string', maximum: 3, inclusive: true } },
      { field: 'body.kind', message: 'expected one of: a, b', code: 'invalid_value', params: { values: ['a', 'b'] } },
      { field: 'body.count', message: 'must be at least 1', code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } },
      { field: 'body.note', message: 'expected text, got a number', code: 'invalid_type', params: { expected: 'string' } },
    ]);
  });

  it('takes a message given for one key of an unknown-keys issue', () => {
    expect(toFieldError('body.foo', { code: 'unrecognized_keys', keys: ['foo'] }, 'unknown field "foo"')).toEqual({ field: 'body.foo', message: 'unknown field "foo"', code: 'unrecognized_keys' });
  });
});
