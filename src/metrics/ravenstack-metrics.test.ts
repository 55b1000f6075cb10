import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { exclusiveEndFromLastActiveDay, upsertImportedSubscription, type ImportSubscriptionInput } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { computeMetric, type MetricResult, type MovementRow } from './index.ts';
import { lastDateOfMonth, monthKey, parseMonthKey } from './month-numbers.ts';
import { sharedDataPath } from '../../test/support/shared-data.ts';

const DATA = sharedDataPath('ravenstack-saas');
// The first 1,500 of 5,000 subscriptions (475 accounts) keep the import under ~30 s on PGlite.
const SUBSET = 1_500;
type Sub = Record<'subscription_id' | 'account_id' | 'start_date' | 'end_date' | 'plan_tier' | 'seats' | 'mrr_amount' | 'is_trial' | 'billing_frequency' | 'auto_renew_flag', string>;
type Account = Record<'account_id' | 'account_name' | 'industry' | 'country', string>;
const read = <T>(file: string) => parse(fs.readFileSync(`${DATA}/${file}`, 'utf8'), { columns: true, skip_empty_lines: true }) as T[];

/** billing's RavenStack finding: mrr_amount = seats × per-seat list price; annual rows bill 12 × that every 12 months. */
const SEAT_PRICE_MINOR: Record<string, number> = { Basic: 1900, Pro: 4900, Enterprise: 19_900 };
function toImport(row: Sub, accountId: string): ImportSubscriptionInput {
  const annual = row.billing_frequency === 'annual';
  const trial = row.is_trial === 'True';
  const lastActiveDay = row.end_date === '' ? null : row.end_date;
  return {
    sourceSystem: 'ravenstack', externalId: row.subscription_id, accountId, currency: 'USD', startDate: row.start_date, endDate: lastActiveDay,
    status: trial && lastActiveDay === null ? 'trialing' : undefined,
    trialEndDate: trial && lastActiveDay !== null ? exclusiveEndFromLastActiveDay(lastActiveDay) : null,
    autoRenew: row.auto_renew_flag === 'True', planLabel: row.plan_tier,
    items: [{ itemKey: row.plan_tier.toLowerCase(), quantity: row.seats, unitPriceMinor: (SEAT_PRICE_MINOR[row.plan_tier] ?? Number.NaN) * (annual ? 12 : 1), billingIntervalMonths: annual ? 12 : 1 }],
  };
}

// ── The independent computation: a few lines over the CSV rows, nothing shared with the engine ──
const MONTHS = Array.from({ length: 24 }, (_, i) => monthKey((parseMonthKey('2023-01') ?? 0) + i));
/** Per account: USD cents at a day — the CSV's mrr_amount of every paid row active that day (end_date inclusive). */
function mrrByAccount(rows: Sub[], day: string, keep: (row: Sub) => boolean = () => true): Map<string, number> {
  const byAccount = new Map<string, number>();
  for (const row of rows.filter(keep)) {
    if (row.is_trial === 'True' || row.start_date > day || (row.end_date !== '' && row.end_date < day)) continue;
    byAccount.set(row.account_id, (byAccount.get(row.account_id) ?? 0) + Number(row.mrr_amount) * 100);
  }
  return byAccount;
}
function independentBridge(rows: Sub[], month: string, keep?: (row: Sub) => boolean) {
  const startDay = lastDateOfMonth((parseMonthKey(month) ?? 0) - 1);
  const start = mrrByAccount(rows, startDay, keep);
  const end = mrrByAccount(rows, lastDateOfMonth(parseMonthKey(month) ?? 0), keep);
  const b = { mrrStartMinor: 0, newMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, reactivationMinor: 0, mrrEndMinor: 0, customersStart: 0, customersNew: 0, customersChurned: 0, customersReactivated: 0, customersEnd: 0 };
  for (const account of new Set([...start.keys(), ...end.keys()])) {
    const s = start.get(account) ?? 0;
    const e = end.get(account) ?? 0;
    const paidBefore = rows.some((r) => r.account_id === account && r.is_trial === 'False' && Number(r.mrr_amount) > 0 && r.start_date <= startDay && (keep?.(r) ?? true));
    b.mrrStartMinor += s; b.mrrEndMinor += e; b.customersStart += s > 0 ? 1 : 0; b.customersEnd += e > 0 ? 1 : 0;
    if (s === 0 && e > 0 && !paidBefore) { b.newMinor += e; b.customersNew += 1; }
    else if (s === 0 && e > 0) { b.reactivationMinor += e; b.customersReactivated += 1; }
    else if (s > 0 && e === 0) { b.churnMinor += s; b.customersChurned += 1; }
    else if (e > s) b.expansionMinor += e - s;
    else b.contractionMinor += s - e;
  }
  return b;
}

describe(`RavenStack subscriptions (first ${SUBSET}) against an independent computation`, () => {
  let t: TestContext;
  let rows: Sub[];
  beforeAll(async () => {
    t = await createTestContext({ start: '2025-01-15T09:00:00Z' });
    rows = read<Sub>('ravenstack_subscriptions.csv').slice(0, SUBSET);
    const accounts = new Map(read<Account>('ravenstack_accounts.csv').map((a) => [a.account_id, a]));
    const ids = new Map<string, string>();
    for (const row of rows) {
      if (!ids.has(row.account_id)) {
        const source = accounts.get(row.account_id);
        // ISO 3166: the data set writes the United Kingdom as UK; its code is GB.
        const country = source?.country === 'UK' ? 'GB' : (source?.country ?? null);
        const account = await createAccount(t.ctx, { name: source?.account_name ?? row.account_id, currency: 'USD', industry: source?.industry ?? null, country, sourceSystem: 'ravenstack', externalId: row.account_id });
        ids.set(row.account_id, account.id);
      }
      await upsertImportedSubscription(t.ctx, toImport(row, ids.get(row.account_id) ?? ''));
    }
  }, 300_000);
  afterAll(() => t.close());

  it('has the same month-end MRR for 24 months (355,689.00 USD on 2024-12-31 for the first 200 rows is billing’s check; here the subset)', async () => {
    const result = (await computeMetric(t.ctx, 'mrr', { from: '2023-01', to: '2024-12' })) as MetricResult;
    const expected = MONTHS.map((m) => [m, [...mrrByAccount(rows, lastDateOfMonth(parseMonthKey(m) ?? 0)).values()].reduce((a, b) => a + b, 0)]);
    expect(result.series.map((p) => [p.period, p.value])).toEqual(expected);
    expect(expected.at(-1)?.[1]).toBeGreaterThan(0);
  });

  it('has the same MRR movements and customer counts in every month', async () => {
    const movements = (await computeMetric(t.ctx, 'mrr-movements', { from: '2023-01', to: '2024-12' })) as MovementRow[];
    expect(movements.map(({ period, currency: _c, ...bridge }) => [period, bridge])).toEqual(MONTHS.map((m) => [m, independentBridge(rows, m)]));
    // Guard against a vacuous pass: the data has every kind of movement.
    const total = (field: keyof MovementRow) => movements.reduce((sum, row) => sum + Number(row[field]), 0);
    for (const field of ['newMinor', 'expansionMinor', 'contractionMinor', 'churnMinor', 'reactivationMinor'] as const) expect(total(field)).toBeGreaterThan(0);
  });

  it('has the same customer churn rate and the same movements per industry', async () => {
    const churn = (await computeMetric(t.ctx, 'customer-churn-rate', { from: '2024-01', to: '2024-12' })) as MetricResult;
    for (const point of churn.series) {
      const b = independentBridge(rows, point.period);
      expect([point.period, point['numerator'], point['denominator']]).toEqual([point.period, b.customersChurned, b.customersStart]);
    }
    const byIndustry = (await computeMetric(t.ctx, 'mrr-movements', { from: '2024-06', to: '2024-06', segment: 'industry' })) as MovementRow[];
    const industries = new Map(read<Account>('ravenstack_accounts.csv').map((a) => [a.account_id, a.industry]));
    for (const row of byIndustry) {
      const { period, currency: _c, segment, ...bridge } = row;
      expect([segment, bridge]).toEqual([segment, independentBridge(rows, period, (r) => industries.get(r.account_id) === segment)]);
    }
    expect(byIndustry.map((row) => row.segment)).toEqual(['Cybersecurity', 'DevTools', 'EdTech', 'FinTech', 'HealthTech']);
  });

  it('has the SaaS Quick Ratio of the independent bridge in every month', async () => {
    const result = (await computeMetric(t.ctx, 'quick-ratio', { from: '2023-01', to: '2024-12' })) as MetricResult;
    const round4 = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
    expect(result.series.map((p) => [p.period, p.value, p['numerator'], p['denominator']])).toEqual(MONTHS.map((m) => {
      const b = independentBridge(rows, m);
      const gained = b.newMinor + b.expansionMinor + b.reactivationMinor;
      const lost = b.contractionMinor + b.churnMinor;
      return [m, round4(gained, lost), gained, lost];
    }));
    expect(result.series.filter((p) => p.value !== null).length).toBeGreaterThan(12);
  });
});
