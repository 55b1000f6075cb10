import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount } from '../crm/index.ts';
import { countAuditEntries, countRows } from './fixtures.ts';
import { exclusiveEndFromLastActiveDay, subscriptionMrrOnDate, upsertImportedSubscription, type ImportSubscriptionInput } from './index.ts';
import { billingDb } from './billing-db.ts';
import { addDays } from './date-spans.ts';
import { sharedDataPath } from '../../test/support/shared-data.ts';

const CSV = sharedDataPath('ravenstack-saas', 'ravenstack_subscriptions.csv');
type Row = Record<'subscription_id' | 'account_id' | 'start_date' | 'end_date' | 'plan_tier' | 'seats' | 'mrr_amount' | 'arr_amount' | 'is_trial' | 'billing_frequency' | 'auto_renew_flag', string>;

/**
 * What we found in the data set: mrr_amount = seats × a per-seat monthly list price per tier
 * (Basic 19, Pro 49, Enterprise 199 USD) in every non-trial row, whatever billing_frequency says,
 * and 0 in every trial; arr_amount = 12 × mrr_amount. The mapping therefore prices an annual seat
 * at 12 × the monthly price, billed every 12 months, which normalizes back to mrr_amount.
 */
const SEAT_PRICE_MINOR: Record<string, number> = { Basic: 1900, Pro: 4900, Enterprise: 19_900 };

/** The import engine's mapping of one CSV row, written out here to prove the model fits it. */
function toImport(row: Row, accountId: string): ImportSubscriptionInput {
  const annual = row.billing_frequency === 'annual';
  const trial = row.is_trial === 'True';
  const lastActiveDay = row.end_date === '' ? null : row.end_date;
  return {
    sourceSystem: 'ravenstack', externalId: row.subscription_id, accountId, currency: 'USD',
    startDate: row.start_date,
    endDate: lastActiveDay, // the data set's end_date is the last active day (the default)
    // "is_trial" without a trial end: an open trial, or one that lasted until the subscription ended.
    status: trial && lastActiveDay === null ? 'trialing' : undefined,
    trialEndDate: trial && lastActiveDay !== null ? exclusiveEndFromLastActiveDay(lastActiveDay) : null,
    autoRenew: row.auto_renew_flag === 'True',
    planLabel: row.plan_tier,
    items: [{
      itemKey: row.plan_tier.toLowerCase(), description: `${row.plan_tier} seat`, quantity: row.seats,
      unitPriceMinor: (SEAT_PRICE_MINOR[row.plan_tier] ?? Number.NaN) * (annual ? 12 : 1), billingIntervalMonths: annual ? 12 : 1,
    }],
  };
}

describe('importing the first 200 RavenStack subscriptions', () => {
  let t: TestContext;
  let rows: Row[];
  const ids = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestContext({ start: '2025-01-15T09:00:00Z' });
    rows = (parse(fs.readFileSync(CSV, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[]).slice(0, 200);
    const accounts = new Map<string, string>();
    for (const row of rows) {
      if (!accounts.has(row.account_id)) {
        const account = await createAccount(t.ctx, { name: row.account_id, currency: 'USD', sourceSystem: 'ravenstack', externalId: row.account_id });
        accounts.set(row.account_id, account.id);
      }
      const result = await upsertImportedSubscription(t.ctx, toImport(row, accounts.get(row.account_id) ?? ''));
      expect(result.outcome).toBe('created');
      ids.set(row.subscription_id, result.record.id);
    }
  }, 300_000);
  afterAll(() => t.close());

  it('checks the data-set finding the mapping relies on', () => {
    for (const row of rows) {
      const perSeat = row.is_trial === 'True' ? 0 : (SEAT_PRICE_MINOR[row.plan_tier] ?? Number.NaN) / 100;
      expect([row.subscription_id, Number(row.mrr_amount)]).toEqual([row.subscription_id, perSeat * Number(row.seats)]);
      expect(Number(row.arr_amount)).toBe(12 * Number(row.mrr_amount));
    }
  });

  it('creates one subscription per row on 156 accounts, with statuses from the dates', async () => {
    expect(await countRows(t.ctx, 'subscriptions')).toBe(200);
    expect(await countRows(t.ctx, 'subscription_items')).toBe(200);
    expect(new Set(rows.map((row) => row.account_id)).size).toBe(156);
    const statuses = await billingDb(t.ctx).selectFrom('subscriptions')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').orderBy('status').execute();
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['active', 142], ['ended', 25], ['trialing', 33]]);
  });

  it('gives every active non-trial row its mrr_amount as MRR, and trials none', async () => {
    for (const row of rows) {
      const id = ids.get(row.subscription_id) ?? '';
      const expected = row.is_trial === 'True' ? 0n : BigInt(row.mrr_amount) * 100n;
      expect([row.subscription_id, (await subscriptionMrrOnDate(t.ctx, id, row.start_date)).amountMinor]).toEqual([row.subscription_id, expected]);
      if (row.end_date !== '') {
        // end_date is the last active day: still counted on it, gone the day after.
        expect((await subscriptionMrrOnDate(t.ctx, id, row.end_date)).amountMinor).toBe(expected);
        expect((await subscriptionMrrOnDate(t.ctx, id, addDays(row.end_date, 1))).amountMinor).toBe(0n);
      }
    }
  }, 120_000);

  it('adds up to the CSV total on 2024-12-31 (355 689.00 USD)', async () => {
    const day = '2024-12-31';
    const active = rows.filter((row) => row.is_trial === 'False' && row.start_date <= day && (row.end_date === '' || row.end_date >= day));
    let total = 0n;
    for (const row of rows) total += (await subscriptionMrrOnDate(t.ctx, ids.get(row.subscription_id) ?? '', day)).amountMinor;
    expect(total).toBe(active.reduce((sum, row) => sum + BigInt(row.mrr_amount) * 100n, 0n));
    expect(total).toBe(35_568_900n);
  }, 120_000);

  it('imports all 200 again without a single change or audit entry', async () => {
    const accountIds = new Map((await billingDb(t.ctx).selectFrom('accounts').select(['id', 'external_id']).execute()).map((a) => [a.external_id, a.id]));
    const before = await countAuditEntries(t.ctx, 'subscription');
    for (const row of rows) expect((await upsertImportedSubscription(t.ctx, toImport(row, accountIds.get(row.account_id) ?? ''))).outcome).toBe('unchanged');
    expect(await countAuditEntries(t.ctx, 'subscription')).toBe(before);
    expect(before).toBe(200);
  }, 120_000);
});
