import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { listMetrics } from '../metrics/index.ts';
import { AppError } from '../shared/errors.ts';
import { runCommissionStatement } from './commissions.ts';
import { runMetrics } from './metrics.ts';
import { exitCodeOf, UsageError, withOptionNames } from './option-names.ts';
import { runUserCreate } from './user-create.ts';

const refusal = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error as AppError);
const fieldsOf = (error: AppError | null) => error?.fieldErrors.map((field) => field.field);

describe('errors about options name the options, and exit 2', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('renames the API fields to options and counts an error about options only as a usage error', () => {
    const renamed = withOptionNames(new AppError('validation_failed', 'querystring.period: expected YYYY-MM', { fieldErrors: [{ field: 'querystring.period', message: 'expected YYYY-MM' }] }), { 'querystring.period': '--period' });
    expect(renamed.detail).toBe('--period: expected YYYY-MM');
    expect(exitCodeOf(renamed)).toBe(2);
    expect(exitCodeOf(new AppError('validation_failed', 'line 3', { fieldErrors: [{ field: 'body.rows.3', message: 'bad' }] }))).toBe(1);
    expect(exitCodeOf(new AppError('conflict', 'already exists'))).toBe(1);
    expect(exitCodeOf(new Error('ENOENT'))).toBe(1);
  });

  it('commissions statement --period 2026-13', async () => {
    const error = await refusal(runCommissionStatement(t.ctx, { rep: 'usr_x', period: '2026-13', out: new PassThrough() }));
    expect(fieldsOf(error)).toEqual(['--period']);
    expect(exitCodeOf(error)).toBe(2);
  });

  it('commissions statement --rep of no user', async () => {
    const error = await refusal(runCommissionStatement(t.ctx, { rep: 'usr_nobody', period: '2026-01', out: new PassThrough() }));
    expect(error?.detail).toBe('--rep: there is no user usr_nobody');
    expect(fieldsOf(error)).toEqual(['--rep']);
    expect(exitCodeOf(error)).toBe(2);
  });

  it('metrics without --to, and with --from 2026-13', async () => {
    expect(fieldsOf(await refusal(runMetrics(t.ctx, 'mrr', { from: '2026-01', out: new PassThrough() })))).toEqual(['--to']);
    const error = await refusal(runMetrics(t.ctx, 'mrr', { from: '2026-13', to: '2026-02', out: new PassThrough() }));
    expect(fieldsOf(error)).toContain('--from');
    expect(error?.detail).not.toContain('querystring');
  });

  it('metrics of an unknown name: a usage error naming it, before the missing months', async () => {
    const error: unknown = await refusal(runMetrics(t.ctx, 'nope', { out: new PassThrough() }));
    expect(error).toBeInstanceOf(UsageError);
    const count = listMetrics().length;
    expect((error as Error).message).toBe(`unknown metric "nope": \`revline metrics\` lists the ${count} metric names`);
    expect(exitCodeOf(error)).toBe(2);
    const near = await refusal(runMetrics(t.ctx, 'arr-growth', { from: '2026-01', to: '2026-02', out: new PassThrough() }));
    expect(near?.message).toBe(`unknown metric "arr-growth" (did you mean arr?): \`revline metrics\` lists the ${count} metric names`);
  });

  it('user create --team of no team', async () => {
    const error = await refusal(runUserCreate(t.ctx, { email: 'cli-team@example.com', name: 'T', role: 'viewer', team: 'team_missing' }, new PassThrough()));
    expect(fieldsOf(error)).toEqual(['--team']);
    expect(exitCodeOf(error)).toBe(2);
  });
});
