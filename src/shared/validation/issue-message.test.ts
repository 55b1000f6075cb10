import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { plainIssueMessage, unknownKeyMessage } from './issue-message.ts';
import { parseInput } from './parse-input.ts';

function messagesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  try {
    parseInput(schema, input, 'querystring');
  } catch (error) {
    if (error instanceof AppError) return Object.fromEntries(error.fieldErrors.map((field) => [field.field, field.message]));
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('plainIssueMessage', () => {
  it('names the allowed values of an enum, a literal and a discriminator in words, not zod’s raw text', () => {
    const schema = z.strictObject({
      interval: z.enum(['day', 'week', 'month']),
      flag: z.literal(true).optional(),
      term: z.enum(['1', '3', 'net 30']).optional(),
      signature: z.discriminatedUnion('kind', [z.object({ kind: z.literal('typed') }), z.object({ kind: z.literal('drawn') })]).optional(),
    });
    expect(messagesOf(schema, { interval: 'fortnight', flag: false, term: 'x', signature: { kind: 'stamped' } })).toEqual({
      'querystring.interval': 'expected one of: day, week, month',
      'querystring.flag': 'expected true',
      'querystring.term': 'expected one of: 1, 3, "net 30"',
      'querystring.signature.kind': 'expected one of: typed, drawn',
    });
  });

  it('says the detail as "field: message", naming the field', () => {
    expect(() => parseInput(z.object({ status: z.enum(['open', 'won']) }), { status: 'lost' }, 'querystring')).toThrow('querystring.status: expected one of: open, won');
  });

  it('keeps a schema’s own message as it is', () => {
    const own = z.object({ kind: z.enum(['sales', 'marketing'], { error: 'sales or marketing spend' }), name: z.string() });
    expect(messagesOf(own, { kind: 'x', name: 5 })).toEqual({ 'querystring.kind': 'sales or marketing spend', 'querystring.name': 'expected text, got a number' });
    expect(plainIssueMessage({ code: 'invalid_value', message: 'Invalid option: expected one of "a"|"b"', values: [] })).toBe('Invalid option: expected one of "a"|"b"');
    expect(plainIssueMessage({ code: 'custom', message: 'must be after from' })).toBe('must be after from');
  });

  it('keeps a schema’s own message for every kind of issue', () => {
    const schema = z.strictObject({
      name: z.string('a name, as text').max(3, 'three letters at most'),
      code: z.string().regex(/^[A-Z]{3}$/, 'three capitals, e.g. EUR'),
      count: z.int().min(1, { error: 'one or more' }),
      when: z.iso.date({ error: 'a day such as 2026-01-31' }),
    }, { error: 'only name, code, count and when' });
    expect(messagesOf(schema, { name: 5, code: 'eur', count: 0, when: 'x', other: 1 })).toEqual({
      'querystring.name': 'a name, as text',
      'querystring.code': 'three capitals, e.g. EUR',
      'querystring.count': 'one or more',
      'querystring.when': 'a day such as 2026-01-31',
      querystring: 'only name, code, count and when',
    });
    expect(messagesOf(z.object({ name: z.string().max(3, 'three letters at most') }), { name: 'abcd' })).toEqual({ 'querystring.name': 'three letters at most' });
  });
});

/** The message of the one issue zod raises for `input`, as a parse returns it. */
function messageOf(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('the input was accepted');
  expect(result.error.issues).toHaveLength(1);
  return result.error.issues[0]?.message ?? '';
}

// zod's own English (node_modules/zod/v4/locales/en.js): no message a user reads may have it.
const ZOD_WORDS = /Invalid input|Invalid option|Invalid string|Invalid (number|key|value|discriminator)|Too (big|small)|Unrecognized key|must match pattern|received \w+|[<>]=?\d|\/\^/;

describe('plainIssueMessage, per zod issue code', () => {
  it('invalid_type: names what is expected and what came, in words', () => {
    expect(messageOf(z.string(), 5)).toBe('expected text, got a number');
    expect(messageOf(z.number(), 'x')).toBe('expected a number, got text');
    expect(messageOf(z.int(), 1.5)).toBe('expected a whole number, got a number with decimals');
    expect(messageOf(z.number(), Infinity)).toBe('expected a finite number');
    expect(messageOf(z.boolean(), 'yes')).toBe('expected true or false, got text');
    expect(messageOf(z.object({}), [])).toBe('expected an object, got a list');
    expect(messageOf(z.array(z.string()), {})).toBe('expected a list, got an object');
    expect(messageOf(z.string(), null)).toBe('expected text, got null');
    expect(messageOf(z.number(), true)).toBe('expected a number, got a true/false value');
    // A query parameter of text where a number belongs reaches zod as NaN: what came is not worth naming.
    expect(messageOf(z.coerce.number(), 'abc')).toBe('expected a number');
    expect(messageOf(z.object({ name: z.string() }), {})).toBe('is required');
  });

  it('too_big and too_small: the limit with its unit', () => {
    expect(messageOf(z.string().max(100), 'x'.repeat(101))).toBe('must be at most 100 characters');
    expect(messageOf(z.string().min(1), '')).toBe('must not be empty');
    expect(messageOf(z.string().min(12), 'short')).toBe('must be at least 12 characters');
    expect(messageOf(z.string().length(3), 'ab')).toBe('must be exactly 3 characters');
    expect(messageOf(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('must have at most 2 items');
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('must have at least 1 item');
    expect(messageOf(z.number().max(500), 501)).toBe('must be at most 500');
    expect(messageOf(z.number().min(1), 0)).toBe('must be at least 1');
    expect(messageOf(z.number().positive(), 0)).toBe('must be greater than 0');
    expect(messageOf(z.number().lt(10), 10)).toBe('must be less than 10');
    expect(messageOf(z.bigint().max(10n), 11n)).toBe('must be at most 10');
    expect(messageOf(z.int(), 2 ** 70)).toBe('must be at most 9007199254740991');
    expect(messageOf(z.date().min(new Date('2026-01-01T00:00:00Z')), new Date('2025-01-01T00:00:00Z'))).toBe('must be on or after 2026-01-01T00:00:00.000Z');
  });

  it('too_big: of two limits on one field only the tighter is said', () => {
    expect(messagesOf(z.object({ limit: z.int().max(500) }), { limit: 2 ** 70 })).toEqual({ 'querystring.limit': 'must be at most 500' });
    expect(messagesOf(z.object({ limit: z.int().min(1) }), { limit: -(2 ** 70) })).toEqual({ 'querystring.limit': 'must be at least 1' });
  });

  it('invalid_format: names the format and never shows a regular expression', () => {
    expect(messageOf(z.iso.date(), '2026-02-30')).toBe('expected a date as YYYY-MM-DD');
    expect(messageOf(z.iso.datetime({ offset: true }), 'yesterday')).toBe('expected a date and time in ISO 8601, e.g. 2026-01-15T09:00:00Z');
    expect(messageOf(z.email(), 'ada')).toBe('expected an e-mail address such as ada@example.com');
    expect(messageOf(z.url(), 'nowhere')).toBe('expected a URL such as https://example.com');
    expect(messageOf(z.uuid(), 'x')).toBe('expected a UUID');
    expect(messageOf(z.string().startsWith('inv_'), 'pay_1')).toBe('must start with "inv_"');
    expect(messageOf(z.string().endsWith('.csv'), 'a.txt')).toBe('must end with ".csv"');
    expect(messageOf(z.string().includes('@'), 'a')).toBe('must contain "@"');
    expect(messageOf(z.string().regex(/^[A-Z]{3}$/), 'eur')).toBe('is not in the expected format');
  });

  it('not_multiple_of: the step, or a whole number for a step of 1', () => {
    expect(messageOf(z.number().multipleOf(5), 7)).toBe('must be a multiple of 5');
    expect(messageOf(z.number().multipleOf(1), 1.5)).toBe('must be a whole number');
  });

  it('unrecognized_keys: names the unknown fields and the ones the object allows', () => {
    expect(messageOf(z.strictObject({ name: z.string(), email: z.string() }), { name: 'a', email: 'b', foo: 1 })).toBe('unknown field "foo" (allowed: name, email)');
    expect(messageOf(z.strictObject({ name: z.string() }), { name: 'a', foo: 1, bar: 2 })).toBe('unknown fields "foo", "bar" (allowed: name)');
    expect(messageOf(z.strictObject({}), { foo: 1 })).toBe('unknown field "foo" (allowed: none)');
    // As fastify-type-provider-zod hands it on, after the parse: the keys zod's error map kept.
    expect(plainIssueMessage({ code: 'unrecognized_keys', keys: ['foo'], allowed: ['a', 'b'], message: 'Unrecognized key: "foo"' })).toBe('unknown field "foo" (allowed: a, b)');
    expect(plainIssueMessage({ code: 'unrecognized_keys', keys: ['foo'], message: 'Unrecognized key: "foo"' })).toBe('unknown field "foo"');
  });

  it('unrecognized_keys, one field at a time (a route names each): the key and the allowed ones, or the object’s own message', () => {
    const result = z.strictObject({ name: z.string() }).safeParse({ name: 'a', foo: 1, bar: 2 });
    const issue = result.error?.issues[0] ?? {};
    expect([unknownKeyMessage(issue, 'foo'), unknownKeyMessage(issue, 'bar')]).toEqual(['unknown field "foo" (allowed: name)', 'unknown field "bar" (allowed: name)']);
    expect(unknownKeyMessage({ code: 'unrecognized_keys', keys: ['foo'], message: 'Unrecognized key: "foo"' }, 'foo')).toBe('unknown field "foo"');
    const own = z.strictObject({ name: z.string() }, { error: 'only a name' }).safeParse({ name: 'a', foo: 1 });
    expect(unknownKeyMessage(own.error?.issues[0] ?? {}, 'foo')).toBe('only a name');
  });

  it('invalid_union: the forms there are, or what is wrong inside the one the value was meant as', () => {
    const minor = z.union([z.bigint(), z.int(), z.string().regex(/^\d{1,18}$/, 'expected a string of digits')]);
    expect(messageOf(minor, true)).toBe('expected a number or text, got a true/false value');
    expect(messageOf(minor, 1.5)).toBe('expected a whole number or text, got a number with decimals');
    expect(messageOf(minor, Infinity)).toBe('expected a number or text, got an infinite number');
    expect(messageOf(minor, null)).toBe('expected a number or text, got null');
    expect(messageOf(z.object({ amount: minor }), {})).toBe('is required');
    const discount = z.union([z.strictObject({ percentBps: z.int().max(10_000) }), z.strictObject({ amountMinor: z.int() })]);
    expect(messageOf(discount, 'ten')).toBe('expected an object, got text');
    expect(messageOf(z.union([z.email(), z.url()]), 'x')).toBe('expected an e-mail address such as ada@example.com or a URL such as https://example.com');
    expect(messageOf(z.union([z.boolean(), z.enum(['true', 'false'])]), 'yes')).toBe('expected one of: true, false');
    expect(messageOf(z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]), { kind: 'c' })).toBe('expected one of: a, b');
    expect(messageOf(z.xor([z.string(), z.string().min(1)]), 'x')).toBe('matches more than one of the allowed forms');
  });

  it('invalid_union: a value of two forms’ kind is told what is wrong inside the closer one, with the key', () => {
    const discount = z.union([z.strictObject({ percentBps: z.int() }), z.strictObject({ amount: z.string() })]);
    expect(messageOf(discount, { percentBps: 'ten' })).toBe('percentBps: expected a number, got text');
    expect(messageOf(discount, { amount: 5 })).toBe('amount: expected text, got a number');
  });

  it('invalid_key and invalid_element: what is wrong with the key or the item', () => {
    expect(messageOf(z.record(z.string().regex(/^[a-z]+$/, 'a lower-case name'), z.string()), { B: 'x' })).toBe('not allowed as a key (a lower-case name)');
    expect(messageOf(z.map(z.object({}), z.string()), new Map([[{}, 5]]))).toBe('has an item that is not valid (expected text, got a number)');
  });

  it('invalid_value: the allowed values', () => {
    expect(messageOf(z.enum(['asc', 'desc']), 'up')).toBe('expected one of: asc, desc');
    expect(messageOf(z.literal('x'), 'y')).toBe('expected "x"');
  });

  it('custom: a check without words of its own says the value is not valid, never "Invalid input"', () => {
    expect(messageOf(z.string().refine(() => false), 'x')).toBe('is not valid');
    expect(messageOf(z.string().refine(() => false, 'must be a known id'), 'x')).toBe('must be a known id');
  });

  it('puts zod’s English that reached it anyway (a route’s validation error, a parse elsewhere) in plain words', () => {
    expect(plainIssueMessage({ code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received number' })).toBe('expected text, got a number');
    expect(plainIssueMessage({ code: 'invalid_type', expected: 'number', message: 'Invalid input: expected number, received Infinity' })).toBe('expected a finite number');
    expect(plainIssueMessage({ code: 'too_big', origin: 'string', maximum: 100, inclusive: true, message: 'Too big: expected string to have <=100 characters' })).toBe('must be at most 100 characters');
    expect(plainIssueMessage({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true, message: 'Too small: expected number to be >=1' })).toBe('must be at least 1');
    expect(plainIssueMessage({ code: 'invalid_format', format: 'regex', pattern: '/^\\d+$/', message: 'Invalid string: must match pattern /^\\d+$/' })).toBe('is not in the expected format');
    expect(plainIssueMessage({ code: 'invalid_format', format: 'regex', message: 'Invalid string: must match pattern /^\\d+$/' })).toBe('is not in the expected format');
    expect(plainIssueMessage({ code: 'too_big', message: 'Too big: expected string to have <=100 characters' })).toBe('is too large');
    expect(plainIssueMessage({ code: 'invalid_format', format: 'date', message: 'Invalid ISO date' })).toBe('expected a date as YYYY-MM-DD');
    expect(plainIssueMessage({ code: 'custom', message: 'Invalid input' })).toBe('is not valid');
    expect(plainIssueMessage({ code: 'invalid_union', errors: [[{ code: 'invalid_type', expected: 'string', path: [], message: 'Invalid input: expected string, received number' }], [{ code: 'invalid_type', expected: 'object', path: [], message: 'Invalid input: expected object, received number' }]], message: 'Invalid input' })).toBe('expected text or an object, got a number');
  });

  it('never leaves zod’s words in a message, whatever the schema and the input', () => {
    const schemas: [z.ZodType, unknown][] = [
      [z.string(), 5], [z.string().max(2), 'abc'], [z.number().min(1), 0], [z.int(), 1.5], [z.iso.date(), 'x'], [z.iso.datetime(), 'x'],
      [z.string().regex(/^x$/), 'y'], [z.strictObject({}), { a: 1 }], [z.union([z.string(), z.number()]), true], [z.enum(['a', 'b']), 'c'],
      [z.number().multipleOf(3), 2], [z.record(z.string().regex(/^a$/), z.string()), { b: 'x' }], [z.string().refine(() => false), 'x'],
      [z.array(z.number()).nonempty(), []], [z.literal(true), false], [z.email(), 'x'], [z.bigint().min(2n), 1n],
    ];
    for (const [schema, input] of schemas) expect(messageOf(schema, input)).not.toMatch(ZOD_WORDS);
  });
});
