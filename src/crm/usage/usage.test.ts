import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf } from '../opportunities/fixtures.ts';
import { adoptionRate, getAdoption, getUsage, listAdoption, upsertSeats, upsertUsage } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('product usage', () => {
  let t: TestContext;
  let accountId = '';
  beforeAll(async () => {
    t = await createTestContext();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('replaces per (account, date, feature): a repeat writes nothing, a correction replaces, never sums', async () => {
    const rows = [
      { accountId, usageDate: '2026-01-05', featureKey: 'reports.export', count: 10 },
      { accountId, usageDate: '2026-01-05', featureKey: 'api.calls', count: 1200 },
      { accountId, usageDate: '2026-01-06', featureKey: 'reports.export', count: 3 },
    ];
    expect(await upsertUsage(t.ctx, rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await upsertUsage(t.ctx, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await upsertUsage(t.ctx, [{ ...rows[0]!, count: 7 }, { accountId, usageDate: '2026-01-07', featureKey: 'api.calls', count: '9007199254740993' }]))
      .toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const days = await getUsage(t.ctx, { accountId, startDate: '2026-01-05', endDate: '2026-01-08' });
    expect(days.data).toEqual([
      { periodStartDate: '2026-01-05', featureKey: 'api.calls', count: 1200 },
      { periodStartDate: '2026-01-05', featureKey: 'reports.export', count: 7 },
      { periodStartDate: '2026-01-06', featureKey: 'reports.export', count: 3 },
      { periodStartDate: '2026-01-07', featureKey: 'api.calls', count: '9007199254740993' },
    ]);
    const audit = await auditTrailOf(t.ctx, 'account', accountId);
    expect(audit.map((row) => row.action)).toEqual(['create', 'upsert_usage', 'upsert_usage']);
    expect(audit[2]?.before).toEqual([
      { usage_date: '2026-01-05', feature_key: 'reports.export', usage_count: '10' },
      { usage_date: '2026-01-07', feature_key: 'api.calls', usage_count: null },
    ]);
  });

  it('sums per ISO week (from Monday) and calendar month, only over days in [startDate, endDate)', async () => {
    const other = (await createAccount(t.ctx, makeAccountInput())).id;
    // 2026-02-01 is a Sunday: it belongs to the week of Monday 2026-01-26.
    const daily: Array<[string, number]> = [['2026-01-30', 1], ['2026-02-01', 2], ['2026-02-02', 4], ['2026-02-08', 8], ['2026-02-09', 16], ['2026-03-01', 32]];
    await upsertUsage(t.ctx, daily.map(([usageDate, count]) => ({ accountId: other, usageDate, featureKey: 'seats.login', count })));
    await upsertUsage(t.ctx, [{ accountId, usageDate: '2026-02-02', featureKey: 'seats.login', count: 1000 }]);
    const weeks = await getUsage(t.ctx, { accountId: other, startDate: '2026-01-31', endDate: '2026-03-01', granularity: 'week' });
    expect(weeks.data).toEqual([
      { periodStartDate: '2026-01-26', featureKey: 'seats.login', count: 2 },
      { periodStartDate: '2026-02-02', featureKey: 'seats.login', count: 12 },
      { periodStartDate: '2026-02-09', featureKey: 'seats.login', count: 16 },
    ]);
    const months = await getUsage(t.ctx, { accountId: other, startDate: '2026-01-01', endDate: '2026-04-01', granularity: 'month', featureKey: 'seats.login' });
    expect(months.data.map((d) => [d.periodStartDate, d.count])).toEqual([['2026-01-01', 1], ['2026-02-01', 30], ['2026-03-01', 32]]);
  });

  it('rejects bad rows, duplicates, unknown accounts and bad ranges by field, writing nothing', async () => {
    const cases: Array<[unknown[], string[]]> = [
      [[{ accountId, usageDate: '2026-01-32', featureKey: 'x', count: 1 }], ['body.rows.0.usageDate']],
      [[{ accountId, usageDate: '2026-01-01', featureKey: 'Bad Key', count: 1 }], ['body.rows.0.featureKey']],
      [[{ accountId, usageDate: '2026-01-01', featureKey: 'x', count: -1 }], ['body.rows.0.count']],
      [[{ accountId, usageDate: '2026-01-01', featureKey: 'x', count: 1 }, { accountId, usageDate: '2026-01-01', featureKey: 'x', count: 2 }], ['body.rows.1']],
      [[{ accountId: 'acct_nope', usageDate: '2026-01-01', featureKey: 'x', count: 1 }], ['body.rows.0.accountId']],
    ];
    for (const [rows, fields] of cases) {
      const error = await appError(upsertUsage(t.ctx, rows as never));
      expect(error.fieldErrors.map((f) => f.field), JSON.stringify(rows)).toEqual(fields);
    }
    expect((await getUsage(t.ctx, { accountId, startDate: '2026-01-01', endDate: '2026-01-02' })).data).toEqual([]);
    const inverted = await appError(getUsage(t.ctx, { accountId, startDate: '2026-02-01', endDate: '2026-02-01' }));
    expect(inverted.fieldErrors.map((f) => f.field)).toEqual(['querystring.endDate']);
    expect((await appError(getUsage(t.ctx, { accountId: 'acct_nope', startDate: '2026-01-01', endDate: '2026-02-01' }))).code).toBe('not_found');
  });
});

describe('seats and adoption', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('computes the exact fraction and a half-even rounded percentage', () => {
    expect(adoptionRate(5, 6)).toEqual({ numerator: 5, denominator: 6, percent: '83.33' });
    expect(adoptionRate(1, 8)).toEqual({ numerator: 1, denominator: 8, percent: '12.50' });
    // 1/16 = 6.25% exactly; 1/1600 = 0.0625% → 0.06 (half-even), 3/1600 = 0.1875% → 0.19.
    expect(adoptionRate(1, 1600)?.percent).toBe('0.06');
    expect(adoptionRate(3, 1600)?.percent).toBe('0.19');
    expect(adoptionRate(12, 10)?.percent).toBe('120.00');
    expect(adoptionRate(0, 0)).toBeNull();
    fc.assert(fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (active, licensed) => {
      const percent = Number(adoptionRate(active, licensed)?.percent);
      return Math.abs(percent - (active / licensed) * 100) <= 0.005 + 1e-9;
    }));
  });

  it('upserts snapshots idempotently and reads the one in force on a date', async () => {
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    const snapshots = [{ asOfDate: '2026-01-01', licensedSeats: 50, activeUsers: 20 }, { asOfDate: '2026-02-01', licensedSeats: 60, activeUsers: 45 }];
    expect(await upsertSeats(t.ctx, accountId, snapshots)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertSeats(t.ctx, accountId, snapshots)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await upsertSeats(t.ctx, accountId, [{ asOfDate: '2026-02-01', licensedSeats: 60, activeUsers: 48 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await listAdoption(t.ctx, { accountId })).map((a) => [a.asOfDate, a.adoptionRate?.percent])).toEqual([['2026-01-01', '40.00'], ['2026-02-01', '80.00']]);
    expect((await getAdoption(t.ctx, accountId, '2026-01-31'))?.activeUsers).toBe(20);
    expect(await getAdoption(t.ctx, accountId, '2025-12-31')).toBeNull();
    expect((await auditTrailOf(t.ctx, 'account', accountId)).map((row) => row.action)).toEqual(['create', 'upsert_seats', 'upsert_seats']);
    const duplicate = await appError(upsertSeats(t.ctx, accountId, [snapshots[0]!, snapshots[0]!]));
    expect(duplicate.fieldErrors.map((f) => f.field)).toEqual(['body.snapshots.1.asOfDate']);
    const negative = await appError(upsertSeats(t.ctx, accountId, [{ asOfDate: '2026-03-01', licensedSeats: -1, activeUsers: 0 }]));
    expect(negative.fieldErrors.map((f) => f.field)).toEqual(['body.snapshots.0.licensedSeats']);
  });
});
