import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { plainIssueMessage } from './issue-message.ts';
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

  it('keeps a schema’s own message and any other issue as it is', () => {
    const own = z.object({ kind: z.enum(['sales', 'marketing'], { error: 'sales or marketing spend' }), name: z.string() });
    expect(messagesOf(own, { kind: 'x', name: 5 })).toEqual({ 'querystring.kind': 'sales or marketing spend', 'querystring.name': 'Invalid input: expected string, received number' });
    expect(plainIssueMessage({ code: 'invalid_value', message: 'Invalid option: expected one of "a"|"b"', values: [] })).toBe('Invalid option: expected one of "a"|"b"');
    expect(plainIssueMessage({ code: 'custom', message: 'must be after from' })).toBe('must be after from');
  });
});
