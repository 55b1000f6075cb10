import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import { ApiError, type Problem } from './api.ts';
import { toFormProblem, toQueryProblem } from './problem.ts';

const t = ((key: string) => key) as unknown as TFunction;
const failed = (problem: Partial<Problem>) => new ApiError({ title: 'Unprocessable', status: 422, ...problem } as Problem);

describe('toFormProblem', () => {
  it('places body errors at their inputs and names a body field the form lacks', () => {
    const result = toFormProblem(failed({ detail: 'x', errors: [{ field: 'body.reason', message: 'is required' }, { field: 'body.amount', message: 'must be positive' }] }), ['reason'] as const, t, 'en');
    expect(result).toEqual({ fields: { reason: 'is required' }, banner: { title: 'Unprocessable', detail: 'body.amount: must be positive' } });
  });

  it('says a path or query error with the problem\u2019s detail, not as a field name', () => {
    const detail = 'Period 2026-03 has not ended yet; it can be closed from 2026-04-01';
    const result = toFormProblem(failed({ detail, errors: [{ field: 'params.period', message: 'has not ended yet; it can be closed from 2026-04-01' }] }), ['reason'] as const, t);
    expect(result.banner).toEqual({ title: 'Unprocessable', detail });
    const bare = toFormProblem(failed({ errors: [{ field: 'querystring.from', message: 'is no day' }] }), [] as const, t);
    expect(bare.banner?.detail).toBe('querystring.from: is no day');
  });

  it('shows the server\u2019s plain words at the field they name, unchanged, and an unknown field in the banner', () => {
    const errors = [
      { field: 'body.name', message: 'expected text, got a number', code: 'invalid_type' },
      { field: 'body.discount', message: 'percentBps: expected a whole number, got a number with decimals', code: 'invalid_union' },
      { field: 'body.colour', message: 'unknown field "colour" (allowed: name, discount)', code: 'unrecognized_keys' },
    ];
    const result = toFormProblem(failed({ detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors }), ['name', 'discount'] as const, t, 'en');
    expect(result).toEqual({
      fields: { name: 'expected text, got a number', discount: 'percentBps: expected a whole number, got a number with decimals' },
      banner: { title: 'Unprocessable', detail: 'body.colour: unknown field "colour" (allowed: name, discount)' },
    });
  });

  it('says a limit at its field in the reader\u2019s language with the number, and the server\u2019s words in the banner', async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { de: { translation: de } }, lng: 'de', interpolation: { escapeValue: false } });
    const errors = [
      { field: 'body.name', message: 'must be at most 10000 characters', code: 'too_big', params: { origin: 'string', maximum: 10_000, inclusive: true } },
      { field: 'body.owner', message: 'must be at least 1', code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } },
    ];
    const result = toFormProblem(failed({ errors }), ['name'] as const, instance.t, 'de');
    expect(result).toEqual({ fields: { name: 'Höchstens 10.000 Zeichen.' }, banner: { title: 'Unprocessable', detail: 'body.owner: must be at least 1' } });
  });
});

describe('toQueryProblem', () => {
  let german: TFunction;
  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { de: { translation: de } }, lng: 'de', interpolation: { escapeValue: false } });
    german = instance.t;
  });

  it('says a filter\u2019s error at the filter in the reader\u2019s language, and the banner asks to fix the filters', () => {
    const errors = [
      { field: 'querystring.period', message: 'expected YYYY-MM', code: 'invalid_format', params: { format: 'month' } },
      { field: 'querystring.repId', message: 'expected text, got a number', code: 'invalid_type', params: { expected: 'string' } },
    ];
    const result = toQueryProblem(failed({ status: 400, detail: 'querystring.period: expected YYYY-MM', errors }), ['repId', 'period'] as const, german, 'de');
    expect(result).toEqual({ fields: { period: 'Monat im Format JJJJ-MM erwartet.', repId: 'Text erwartet.' }, banner: { title: 'Unprocessable', detail: 'Bitte korrigieren Sie die markierten Felder.' } });
  });

  it('reads a problem a hook kept as well as a failed call, and leaves body errors to the banner', () => {
    const problem: Problem = { title: 'Bad', status: 400, detail: 'querystring.from: not a valid instant', errors: [{ field: 'querystring.from', message: 'not a valid instant', code: 'invalid_format', params: { format: 'datetime' } }] };
    expect(toQueryProblem(problem, ['from'] as const, german, 'de').fields).toEqual({ from: 'Datum und Uhrzeit nach ISO 8601 erwartet, z. B. 2026-01-15T09:00:00Z.' });
    const body = toQueryProblem(failed({ detail: 'body.name: is required', errors: [{ field: 'body.from', message: 'is required' }] }), ['from'] as const, german, 'de');
    expect(body).toEqual({ fields: {}, banner: { title: 'Unprocessable', detail: 'body.name: is required' } });
    // A filter the page has no input for is named with its field.
    const other = toQueryProblem(failed({ errors: [{ field: 'querystring.limit', message: 'must be at most 500' }] }), ['from'] as const, german, 'de');
    expect(other.banner?.detail).toBe('querystring.limit: must be at most 500');
  });
});
