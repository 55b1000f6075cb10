import { describe, expect, it } from 'vitest';
import { toFieldError } from '../shared/validation/issue-params.ts';
import { instantSchema } from './shared-fields.ts';

describe('instantSchema', () => {
  const errorsOf = (input: unknown) => instantSchema.safeParse(input).error?.issues.map((issue) => toFieldError('body.occurredAt', issue));

  it('takes what Temporal reads as an instant, with any offset', () => {
    expect(['2026-01-15T09:00:00Z', '2026-01-15T10:00+01:00', '2026-01-15T09:00:00.123456789Z'].map((text) => instantSchema.safeParse(text).success)).toEqual([true, true, true]);
  });

  it('says a bad instant as invalid_format { format: datetime } in its own words, a wrong type as invalid_type', () => {
    for (const text of ['2026-02-30T00:00:00Z', '2026-01-15T09:00:00', '2026-01-15', 'yesterday']) {
      expect(errorsOf(text)).toEqual([{ field: 'body.occurredAt', message: 'expected an ISO 8601 instant with offset, e.g. 2026-01-15T09:00:00Z', code: 'invalid_format', params: { format: 'datetime' } }]);
    }
    expect(errorsOf(1768467600000)).toEqual([{ field: 'body.occurredAt', message: 'expected text, got a number', code: 'invalid_type', params: { expected: 'string' } }]);
  });
});
