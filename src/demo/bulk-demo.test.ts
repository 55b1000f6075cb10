import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { getSubscription } from '../billing/index.ts';
import { getAccount } from '../crm/index.ts';
import { computeMetric, type MovementRow } from '../metrics/index.ts';
import { generateBulkDemo, type BulkDemoSummary } from './generate-bulk-demo.ts';

const OPTIONS = { seed: 8, customers: 500, months: 24, lastDate: '2026-06-30', passwords: false };

type Row = Record<string, unknown>;
const rowsOf = async (t: TestContext, query: ReturnType<typeof sql>) => (await query.execute(t.ctx.db)).rows as Row[];

describe('revline demo --bulk: the customer book written set-based', () => {
  let t: TestContext;
  let summary: BulkDemoSummary;
  beforeAll(async () => {
    t = await createTestContext();
    summary = await generateBulkDemo(t.ctx, OPTIONS);
  }, 120_000);
  afterAll(() => t.close());

  it('writes one account and one subscription per customer, and item versions that read through the services', async () => {
    expect(summary.startDate).toBe('2024-07-01');
    expect(summary.counts.accounts).toBe(500);
    expect(summary.counts.subscriptions).toBe(500);
    // Seats re-versioned every 2–5 months, an add-on for about a third, onboarding once.
    expect(summary.counts.itemVersions).toBeGreaterThan(500 * 3);
    const [counted] = await rowsOf(t, sql`select (select count(*) from subscription_items)::int as items, (select count(distinct account_id) from subscriptions)::int as owners`);
    expect(counted).toEqual({ items: summary.counts.itemVersions, owners: 500 });
    const account = await getAccount(t.ctx, 'acct_00000000000000000000000042');
    expect(account.name).toMatch(/^\S+ \S+ \S+/);
    expect(['EUR', 'USD', 'GBP']).toContain(account.currency);
    expect(account.ownerUserId).toMatch(/^usr_/);
    // A postal address in the account's country (addresses.ts), drawn in SQL without a statement per customer.
    expect(account.billingAddress).toMatch(/^.+\n.+/);
    const [missing] = await rowsOf(t, sql`select count(*)::int as n from accounts where billing_address is null`);
    expect(missing).toEqual({ n: 0 });
    const subscription = await getSubscription(t.ctx, 'sub_00000000000000000000000042');
    expect(subscription.accountId).toBe(account.id);
    expect(subscription.currency).toBe(account.currency);
    expect(subscription.itemVersions.length).toBeGreaterThan(0);
    expect(summary.customersLive).toBeGreaterThan(250);
    expect(summary.customersLive).toBeLessThan(500);
  });

  it('keeps every item inside its subscription, versions of one item back to back, and prices from the catalogue', async () => {
    const outside = await rowsOf(t, sql`select i.id from subscription_items i join subscriptions s on s.id = i.subscription_id
      where i.effective_from_date < s.start_date or (s.end_date is not null and i.effective_from_date >= s.end_date)`);
    expect(outside).toEqual([]);
    const gaps = await rowsOf(t, sql`select subscription_id, item_key from (
        select subscription_id, item_key, effective_from_date, lag(effective_to_date) over (partition by subscription_id, item_key order by effective_from_date) as previous_to,
          row_number() over (partition by subscription_id, item_key order by effective_from_date) as n
        from subscription_items) v
      where n > 1 and previous_to is distinct from effective_from_date`);
    expect(gaps).toEqual([]);
    const prices = await rowsOf(t, sql`select distinct i.item_key, i.currency, i.unit_price_minor::text as unit from subscription_items i order by 1, 2`);
    expect(prices).toContainEqual({ item_key: 'NL-PLATFORM-Y', currency: 'EUR', unit: '48000' });
    expect(prices).toContainEqual({ item_key: 'NL-PLATFORM-M', currency: 'GBP', unit: '3900' });
    expect(prices.length).toBe(12);
  });

  it('closes the MRR bridge every month', async () => {
    const rows = (await computeMetric(t.ctx, 'mrr-movements', { from: '2024-07', to: '2026-06' })) as MovementRow[];
    expect(rows.length).toBeGreaterThanOrEqual(24);
    for (const kind of ['newMinor', 'expansionMinor', 'contractionMinor', 'churnMinor'] as const) expect(rows.some((row) => row[kind] > 0), kind).toBe(true);
    for (const row of rows) {
      expect(row.mrrStartMinor + row.newMinor + row.expansionMinor + row.reactivationMinor - row.contractionMinor - row.churnMinor, `${row.period} ${row.currency}`).toBe(row.mrrEndMinor);
      expect(row.customersStart + row.customersNew + row.customersReactivated - row.customersChurned, `${row.period} ${row.currency}`).toBe(row.customersEnd);
    }
  });

  it('is deterministic: the same seed writes the same rows, ids included', async () => {
    const fingerprint = (c: TestContext) => rowsOf(c, sql`select md5(string_agg(concat_ws('|', s.id, s.account_id, s.start_date, s.end_date, s.status, a.name, a.country,
        (select string_agg(concat_ws(',', i.item_key, i.quantity, i.effective_from_date, i.effective_to_date), ';' order by i.item_key, i.effective_from_date) from subscription_items i where i.subscription_id = s.id)), '/' order by s.id)) as digest
      from subscriptions s join accounts a on a.id = s.account_id`);
    const other = await createTestContext();
    try {
      await generateBulkDemo(other.ctx, { ...OPTIONS, customers: 60 });
      const again = await createTestContext();
      try {
        await generateBulkDemo(again.ctx, { ...OPTIONS, customers: 60 });
        expect(await fingerprint(again)).toEqual(await fingerprint(other));
      } finally {
        await again.close();
      }
      const differentSeed = await createTestContext();
      try {
        await generateBulkDemo(differentSeed.ctx, { ...OPTIONS, customers: 60, seed: 9 });
        expect(await fingerprint(differentSeed)).not.toEqual(await fingerprint(other));
      } finally {
        await differentSeed.close();
      }
    } finally {
      await other.close();
    }
  }, 120_000);
});
