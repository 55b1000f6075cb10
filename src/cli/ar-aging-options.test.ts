import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { runArAging } from './payments.ts';

// A bad CLI option is named as the user typed it (--as-of), not as the API's query field.
describe('revline ar aging: bad options', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(); });
  afterAll(() => t.close());

  it('names --as-of, --currency and --document-currency', async () => {
    const cases: Array<[Record<string, string>, string]> = [[{ asOf: '2026-13-01' }, '--as-of'], [{ currency: 'XYZ' }, '--currency'], [{ documentCurrency: 'eur1' }, '--document-currency']];
    for (const [options, flag] of cases) {
      const error = await runArAging(t.ctx, { ...options, out: new PassThrough() }).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.fieldErrors.map((field) => field.field)).toEqual([flag]);
      expect(appError.detail).toContain(flag);
      expect(appError.detail).not.toContain('querystring');
    }
  });
});
