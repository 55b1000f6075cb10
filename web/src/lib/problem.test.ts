import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError, type Problem } from './api.ts';
import { toFormProblem } from './problem.ts';

const t = ((key: string) => key) as unknown as TFunction;
const failed = (problem: Partial<Problem>) => new ApiError({ title: 'Unprocessable', status: 422, ...problem } as Problem);

describe('toFormProblem', () => {
  it('places body errors at their inputs and names a body field the form lacks', () => {
    const result = toFormProblem(failed({ detail: 'x', errors: [{ field: 'body.reason', message: 'is required' }, { field: 'body.amount', message: 'must be positive' }] }), ['reason'] as const, t);
    expect(result).toEqual({ fields: { reason: 'is required' }, banner: { title: 'Unprocessable', detail: 'body.amount: must be positive' } });
  });

  it('says a path or query error with the problem\u2019s detail, not as a field name', () => {
    const detail = 'Period 2026-03 has not ended yet; it can be closed from 2026-04-01';
    const result = toFormProblem(failed({ detail, errors: [{ field: 'params.period', message: 'has not ended yet; it can be closed from 2026-04-01' }] }), ['reason'] as const, t);
    expect(result.banner).toEqual({ title: 'Unprocessable', detail });
    const bare = toFormProblem(failed({ errors: [{ field: 'querystring.from', message: 'is no day' }] }), [] as const, t);
    expect(bare.banner?.detail).toBe('querystring.from: is no day');
  });
});
