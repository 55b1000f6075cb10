import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';

// A usage item meters the account's daily product usage of the feature named by its item key,
// billed in arrears at each period end, rated at an exact sub-cent price and rounded once.
describe('usage billing', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
  });
  afterAll(() => t.close());

  async function recordUsage(accountId: string, date: string, count: number) {
    await sql`insert into product_usage_daily (account_id, usage_date, feature_key, usage_count, updated_at) values (${accountId}, ${date}, 'api.calls', ${count}, now())
      on conflict (account_id, usage_date, feature_key) do update set usage_count = excluded.usage_count`.execute(t.ctx.db);
  }

  it('bills a period\'s usage at its end, and late usage as an adjustment on the next run', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', items: [{ itemKey: 'api.calls', kind: 'usage', quantity: 1, unitPriceDecimal: '0.0015', billingIntervalMonths: 1 }] });
    await recordUsage(sub.accountId, '2025-12-31', 1_000_000); // before the subscription: not billed
    await recordUsage(sub.accountId, '2026-01-05', 120_000);
    await recordUsage(sub.accountId, '2026-01-20', 115_001);
    expect((await kit.billOn(sub.id, '2026-01-31')).invoices).toEqual([]);
    const first = await kit.billOn(sub.id, '2026-02-01');
    // 235001 × 0.0015 = 352.5015 USD → 35250.15 cents → 35250
    expect(first.invoices.map((invoice) => invoice.lines.map((line) => [line.amountMinor, line.quantity, line.revenueKind, line.recognition]))).toEqual([[[35250n, '235001', 'usage', 'immediate']]]);
    await recordUsage(sub.accountId, '2026-01-31', 1_000); // arrives late
    const late = await kit.billOn(sub.id, '2026-02-02');
    // 236001 × 0.0015 = 354.0015 → 35400; 150 more than billed
    expect(late.invoices.map((invoice) => invoice.lines.map((line) => [line.amountMinor, line.quantity]))).toEqual([[[150n, '236001']]]);
  });
});
