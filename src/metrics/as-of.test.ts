import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { cancelSubscription, changeSubscriptionItems, createSubscription, subscriptionMrrOnDate } from '../billing/index.ts';
import { createAccount, updateAccount } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { computeMetric, METRICS, type MetricResult, type MovementRow } from './index.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

const END_OF_MARCH = '2024-03-31T23:59:59Z';

describe('asOf: MRR as reported then, beside the restatement now', () => {
  let t: TestContext;
  let accountId: string;
  let subscriptionId: string;
  const mrr = async (query: { from: string; to: string; asOf?: string; segment?: 'segment'; explain?: boolean }) =>
    (await computeMetric(t.ctx, 'mrr', query)) as MetricResult;

  beforeAll(async () => {
    t = await createTestContext({ start: '2024-01-10T09:00:00Z' });
    accountId = (await createAccount(t.ctx, { name: 'Early', segment: 'smb', currency: 'USD' })).id;
    // January: 2 seats at 100.00 a month from 1 January.
    subscriptionId = (await createSubscription(t.ctx, { accountId, currency: 'USD', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 2, unitPriceMinor: 10_000 }] })).id;
    // April: a back-dated correction, 3 seats from 1 February, recorded on 10 April.
    t.clock.set('2024-04-10T09:00:00Z');
    await changeSubscriptionItems(t.ctx, { id: subscriptionId, effectiveDate: '2024-02-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 3 }] });
  });
  afterAll(() => t.close());

  it('shows February as reported at the end of March, and the restatement by the April correction exactly', async () => {
    const asReported = await mrr({ from: '2024-02', to: '2024-02', asOf: END_OF_MARCH });
    expect(asReported.series).toEqual([{ period: '2024-02', currency: 'USD', value: 20_000, customers: 1, restatedValue: 30_000, restatement: 10_000 }]);
    expect((await mrr({ from: '2024-02', to: '2024-02' })).series).toEqual([{ period: '2024-02', currency: 'USD', value: 30_000, customers: 1 }]);
    // Before the correction was recorded the item's first version was still open; after it, closed on 1 February.
    const justBefore = await mrr({ from: '2024-01', to: '2024-02', asOf: '2024-04-10T08:59:59.999Z' });
    const atIt = await mrr({ from: '2024-01', to: '2024-02', asOf: '2024-04-10T09:00:00Z' });
    expect(justBefore.series.map((p) => [p.value, p['restatement']])).toEqual([[20_000, 0], [20_000, 10_000]]);
    expect(atIt.series.map((p) => [p.value, p['restatement']])).toEqual([[20_000, 0], [30_000, 0]]);
  });

  it('leaves out a subscription imported late (created in April, starting in January) as of March', async () => {
    const other = (await createAccount(t.ctx, { name: 'Late', segment: 'mid', currency: 'USD' })).id;
    const late = (await createSubscription(t.ctx, { accountId: other, currency: 'USD', startDate: '2024-01-15', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 5_000 }] })).id;
    const asReported = await mrr({ from: '2024-01', to: '2024-03', asOf: END_OF_MARCH, explain: true });
    expect(asReported.series.map((p) => [p.period, p.value, p['customers'], p['restatedValue'], p['restatement']])).toEqual([
      ['2024-01', 20_000, 1, 25_000, 5_000],
      ['2024-02', 20_000, 1, 35_000, 15_000],
      ['2024-03', 20_000, 1, 35_000, 15_000],
    ]);
    const contributors = asReported.series.flatMap((p) => (p.explain?.contributions ?? []) as Array<{ subscriptions: Array<{ subscriptionId: string }> }>)
      .flatMap((c) => c.subscriptions.map((s) => s.subscriptionId));
    expect(new Set(contributors)).toEqual(new Set([subscriptionId]));
    expect(asReported.series[0]?.explain?.settings['asOf']).toBe('2024-03-31T23:59:59.000Z');
    // Segment series that did not exist as reported appear with value null beside their figure now.
    const bySegment = await mrr({ from: '2024-03', to: '2024-03', asOf: END_OF_MARCH, segment: 'segment' });
    expect(bySegment.series).toEqual([
      { period: '2024-03', segment: 'smb', currency: 'USD', value: 20_000, customers: 1, restatedValue: 30_000, restatement: 10_000 },
      { period: '2024-03', segment: 'mid', currency: 'USD', value: null, restatedValue: 5_000, restatement: null, restatedOnly: true },
    ]);
    // …and restated (without asOf) it is there from its January start.
    const restated = await mrr({ from: '2024-01', to: '2024-01', explain: true });
    const restatedContributors = ((restated.series[0]?.explain?.contributions ?? []) as Array<{ subscriptions: Array<{ subscriptionId: string }> }>)
      .flatMap((c) => c.subscriptions.map((s) => s.subscriptionId));
    expect(new Set(restatedContributors)).toEqual(new Set([subscriptionId, late]));
  });

  it('breaks down by the segment the account had then, and restates movements row by row', async () => {
    t.clock.set('2024-04-20T09:00:00Z');
    await updateAccount(t.ctx, { id: accountId, expectedVersion: 1, changes: { segment: 'enterprise' } });
    const bySegment = await mrr({ from: '2024-03', to: '2024-03', asOf: '2024-04-15T00:00:00Z', segment: 'segment' });
    expect(bySegment.series.map((p) => [p.segment, p.value, p['restatedValue']])).toEqual([['mid', 5_000, 5_000], ['smb', 30_000, null], ['enterprise', null, 30_000]]);
    const rows = (await computeMetric(t.ctx, 'mrr-movements', { from: '2024-02', to: '2024-02', asOf: END_OF_MARCH })) as MovementRow[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mrrStartMinor: 20_000, mrrEndMinor: 20_000, restatementMinor: 15_000 });
    expect(rows[0]?.restated).toMatchObject({ mrrStartMinor: 25_000, expansionMinor: 10_000, mrrEndMinor: 35_000, customersEnd: 2 });
  });

  it('reads the exact period amount of an item as billing does (amountMinor ÷ interval months)', async () => {
    t.clock.set('2024-04-25T09:00:00Z');
    const exact = (await createAccount(t.ctx, { name: 'Exact', segment: 'smb', currency: 'GBP' })).id;
    const created = await createSubscription(t.ctx, { accountId: exact, currency: 'GBP', startDate: '2024-03-01', items: [
      { itemKey: 'platform', quantity: 3, unitPriceMinor: 33_333, amountMinor: 100_000, billingIntervalMonths: 12 },
    ] });
    const march = (await mrr({ from: '2024-03', to: '2024-03' })).series.find((p) => p.currency === 'GBP');
    expect(march?.value).toBe(Number((await subscriptionMrrOnDate(t.ctx, created.id, '2024-03-31')).amountMinor));
    expect(march?.value).toBe(8_333);
    const asOf = (await mrr({ from: '2024-03', to: '2024-03', asOf: t.clock.now().toString() })).series.find((p) => p.currency === 'GBP');
    expect(asOf).toMatchObject({ value: 8_333, restatedValue: 8_333, restatement: 0 });
  });

  it('keeps history rows immutable', async () => {
    const count = await sql<{ n: string }>`select count(*) as n from subscription_items_history`.execute(t.ctx.db);
    expect(Number(count.rows[0]?.n)).toBe(1);
    await expect(sql`update subscription_items_history set recorded_to = now()`.execute(t.ctx.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from accounts_history`.execute(t.ctx.db)).rejects.toThrow(/immutable/);
  });

  it('answers asOf for the record metrics too (win rate: no deals, nothing reported then or now)', async () => {
    // Until migration 202612081300 this was a 400; asOf before a table's history start still is (as-of-records.test.ts).
    const result = (await computeMetric(t.ctx, 'win-rate', { from: '2024-01', to: '2024-03', asOf: END_OF_MARCH })) as MetricResult;
    expect(result.series.every((p) => p.value === null && p['restatement'] === null)).toBe(true);
  });
});

type Operation =
  | { kind: 'create'; startMonth: number; quantity: number; unitPriceMinor: number }
  | { kind: 'change'; pick: number; offsetDays: number; quantity: number }
  | { kind: 'cancel'; pick: number; offsetDays: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), startMonth: fc.integer({ min: 1, max: 9 }), quantity: fc.integer({ min: 1, max: 5 }), unitPriceMinor: fc.integer({ min: 100, max: 50_000 }) }),
  fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), offsetDays: fc.integer({ min: 1, max: 200 }), quantity: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), offsetDays: fc.integer({ min: 1, max: 200 }) }),
);

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

describe('asOf properties (through the billing services on a fake clock)', () => {
  let t: TestContext;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestContext({ start: '2025-01-01T00:00:00Z' });
    accountId = (await createAccount(t.ctx, { name: 'Property', segment: 'smb', currency: 'EUR' })).id;
  });
  afterAll(() => t.close());

  const movements = async (asOf?: string) => (await computeMetric(t.ctx, 'mrr-movements', { from: '2024-01', to: '2024-12', ...(asOf ? { asOf } : {}) })) as MovementRow[];
  // The figure as reported: without the restatement fields, and without the series that exist only now.
  const withoutRestatement = (rows: MovementRow[]) => rows.filter((row) => row.restatedOnly === undefined)
    .map(({ restated: _restated, restatementMinor: _restatement, ...row }) => row);

  it('as of an earlier instant gives the figure reported then; as of now, the figure without asOf and no restatement', async () => {
    const subscriptions: Array<{ id: string; startDate: string }> = [];
    await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
      const reported: Array<{ at: string; rows: MovementRow[] }> = [];
      for (const op of operations) {
        t.clock.advance({ hours: 1 });
        await apply(op, subscriptions).catch((error: unknown) => {
          // The services refuse changes outside a subscription's service; the property is about what was accepted.
          if (!(error instanceof AppError)) throw error;
        });
        reported.push({ at: t.clock.now().toString(), rows: await movements() });
      }
      for (const snapshot of reported) expect(withoutRestatement(await movements(snapshot.at))).toEqual(snapshot.rows);
      const now = await movements(t.clock.now().toString());
      expect(withoutRestatement(now)).toEqual(await movements());
      expect(now.map((row) => row.restatementMinor)).toEqual(now.map(() => 0));
    }), { numRuns: 4 });
  });

  async function apply(op: Operation, subscriptions: Array<{ id: string; startDate: string }>): Promise<void> {
    if (op.kind === 'create') {
      const startDate = `2024-0${op.startMonth}-01`;
      const created = await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate, items: [{ itemKey: 'seat', quantity: op.quantity, unitPriceMinor: op.unitPriceMinor }] });
      subscriptions.push({ id: created.id, startDate });
      return;
    }
    const target = subscriptions[op.pick % Math.max(subscriptions.length, 1)];
    if (!target) return;
    const date = addDays(target.startDate, op.offsetDays);
    if (op.kind === 'change') await changeSubscriptionItems(t.ctx, { id: target.id, effectiveDate: date, changes: [{ action: 'update', itemKey: 'seat', quantity: op.quantity }] });
    else await cancelSubscription(t.ctx, { id: target.id, cancelDate: date });
  }
});

describe('GET /api/v1/metrics/:name?asOf=', () => {
  let t: TestApp;
  const get = (url: string) => t.request('viewer', { method: 'GET', url });
  beforeAll(async () => {
    t = await createMetricsTestApp();
    await seedSubscriptionExample(t.ctx);
  });
  afterAll(() => t.close());

  it('validates the instant and the metric, and answers with the restatement beside each point', async () => {
    for (const bad of ['yesterday', '2024-03-31', '2024-03-31T25:00:00Z']) {
      const response = await get(`/api/v1/metrics/mrr?from=2024-01&to=2024-02&asOf=${bad}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect((response.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['querystring.asOf']);
    }
    // Every metric takes asOf (the record metrics since migration 202612081300).
    const other = await get(`/api/v1/metrics/bookings?from=2024-01&to=2024-02&asOf=${END_OF_MARCH}`);
    expect(other.statusCode, other.body).toBe(200);

    const now = t.clock.now().toString();
    const ok = await get(`/api/v1/metrics/mrr?from=2024-01&to=2024-02&asOf=${encodeURIComponent(now)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as MetricResult).series).toEqual([
      { period: '2024-01', currency: 'USD', value: 37_700, customers: 3, restatedValue: 37_700, restatement: 0 },
      { period: '2024-02', currency: 'USD', value: 65_700, customers: 4, restatedValue: 65_700, restatement: 0 },
    ]);
    // Before anything was recorded there was nothing to report: every point is a restatement.
    const before = await get('/api/v1/metrics/mrr-movements?from=2024-01&to=2024-01&asOf=2020-01-01T00:00:00%2B02:00');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toEqual([expect.objectContaining({
      period: '2024-01', mrrEndMinor: 0, restatementMinor: 37_700, restatedOnly: true, restated: expect.objectContaining({ mrrEndMinor: 37_700 }),
    })]);
  });

  it('reads every subscriptions-basis metric as of the instant (before anything was recorded: nothing to report)', async () => {
    const family = METRICS.filter((metric) => metric.basis === 'subscriptions');
    expect(family.map((metric) => metric.name)).toEqual(expect.arrayContaining(['mrr', 'arr', 'mrr-movements', 'customers', 'arpa', 'customer-churn-rate', 'nrr', 'grr']));
    for (const metric of family) {
      const result = await computeMetric(t.ctx, metric.name, { from: '2024-01', to: '2024-04', asOf: '2020-01-01T00:00:00Z' });
      const reported = Array.isArray(result) ? result.map((row) => row.mrrEndMinor) : result.series.map((point) => point.value);
      const restated = Array.isArray(result) ? result.map((row) => row.restated?.mrrEndMinor) : result.series.map((point) => point['restatedValue']);
      expect(reported.every((value) => value === 0 || value === null), `${metric.name}: ${JSON.stringify(reported)}`).toBe(true);
      expect(restated.length, metric.name).toBeGreaterThan(0);
    }
  });
});
