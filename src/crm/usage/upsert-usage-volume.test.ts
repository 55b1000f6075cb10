import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { getUsage, upsertUsage } from './index.ts';

/** Day n (0-based) of 2025, as YYYY-MM-DD. */
function dayOf(n: number): string {
  return new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
}

describe('upsertUsage at volume', () => {
  let t: TestContext;
  let accountIds: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    accountIds = [];
    for (let i = 0; i < 4; i += 1) accountIds.push((await createAccount(t.ctx, makeAccountInput())).id);
  });
  afterAll(() => t.close());

  // 5,000 is the per-call limit (MAX_ROWS_PER_UPSERT); PGlite used to crash from about 300 rows on.
  it('takes 5,000 rows in one call, then sees them all again as unchanged, then updates a few', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      accountId: accountIds[i % 4]!, usageDate: dayOf(Math.floor(i / 8) % 365), featureKey: `feature.${Math.floor(i / 4) % 2}.${Math.floor(i / 2920)}`, count: i,
    }));
    expect(new Set(rows.map((r) => `${r.accountId} ${r.usageDate} ${r.featureKey}`)).size).toBe(5000);
    expect(await upsertUsage(t.ctx, rows)).toEqual({ inserted: 5000, updated: 0, unchanged: 0 });
    expect(await upsertUsage(t.ctx, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 5000 });
    const changed = rows.map((row, i) => (i % 1000 === 7 ? { ...row, count: row.count + 1 } : row));
    expect(await upsertUsage(t.ctx, changed)).toEqual({ inserted: 0, updated: 5, unchanged: 4995 });
    const usage = await getUsage(t.ctx, { accountId: accountIds[3]!, startDate: '2025-01-01', endDate: '2025-01-02', featureKey: 'feature.1.0' });
    expect(usage.data).toEqual([{ periodStartDate: '2025-01-01', featureKey: 'feature.1.0', count: 7 + 1 }]);
  });
});
