import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { accountBalance, LEDGER_ACCOUNTS } from '../ledger/index.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import type { RecordContribution } from './metric-types.ts';
import { seedFinanceExample, type FinanceExample } from './test-fixtures/finance-example.ts';

// docs/metrics.md "Finance": the worked example through billing, payments and the ledger on a fake clock.
describe('finance metrics (docs/metrics.md worked example, EUR, Q1 2026)', () => {
  let t: TestContext;
  let ids: FinanceExample;
  const q1 = { from: '2026-01', to: '2026-03' };
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const values = async (name: string, query: MetricQuery = q1) => (await metric(name, query)).series.map((p) => [p.period, p.value]);
  const contributionsOf = async (name: string, query: MetricQuery) => (await metric(name, { ...query, explain: true })).series.map((p) => p.explain?.contributions as RecordContribution[]);
  const sum = (records: RecordContribution[]) => records.reduce((total, r) => total + Number(r['amountMinor']), 0);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    ids = await seedFinanceExample(t.ctx, t.clock);
  });
  afterAll(() => t.close());

  it('billings: invoices excl. tax by issue date, net of credit notes', async () => {
    const series = (await metric('billings', q1)).series;
    expect(series.map((p) => [p.period, p.currency, p.value, p['invoicedMinor'], p['creditedMinor']])).toEqual([
      ['2026-01', 'EUR', 1_330_000, 1_330_000, 0],
      ['2026-02', 'EUR', 127_419, 127_419, 0],
      ['2026-03', 'EUR', 100_000, 150_000, 50_000],
    ]);
    const [, , march] = await contributionsOf('billings', q1);
    // Same-day documents come in id order; compare by amount.
    expect(march?.map((c) => [c.recordType, c['accountId'], c['amountMinor'], c['taxMinor']]).sort((a, b) => Number(b[2]) - Number(a[2]))).toEqual([
      ['invoice', ids.atlas, 100_000, 19_000], ['invoice', ids.cedar, 50_000, 9_500], ['credit_note', ids.cedar, -50_000, -9_500],
    ]);
    for (const [i, records] of (await contributionsOf('billings', q1)).entries()) expect(sum(records)).toBe(series[i]?.value);
    expect(await values('billings', { ...q1, segment: 'segment' })).toEqual([
      ['2026-01', 1_200_000], ['2026-01', 130_000], ['2026-02', 0], ['2026-02', 127_419], ['2026-03', 0], ['2026-03', 100_000],
    ]);
  });

  it('recognized revenue: ledger revenue postings by entry date, by revenue account', async () => {
    const series = (await metric('recognized-revenue', q1)).series;
    expect(series.map((p) => [p.period, p.value, p['subscriptionMinor'], p['servicesMinor'], p['usageMinor']])).toEqual([
      ['2026-01', 231_918, 201_918, 30_000, 0],
      ['2026-02', 219_474, 219_474, 0, 0],
      ['2026-03', 201_917, 201_917, 0, 0],
    ]);
    for (const [i, records] of (await contributionsOf('recognized-revenue', q1)).entries()) expect(sum(records)).toBe(series[i]?.value);
    expect(await values('recognized-revenue', { ...q1, interval: 'quarter' })).toEqual([['2026-Q1', 653_309]]);
  });

  it('cash collected: payments by received date, less refunds and chargebacks', async () => {
    const series = (await metric('cash-collected', q1)).series;
    expect(series.map((p) => [p.period, p.value, p['receivedMinor'], p['refundedMinor'], p['chargedBackMinor']])).toEqual([
      ['2026-01', 119_000, 119_000, 0, 0],
      ['2026-02', 754_700, 759_000, 4_300, 0],
      ['2026-03', -119_000, 0, 0, 119_000],
    ]);
    const [, february] = await contributionsOf('cash-collected', q1);
    expect(february?.map((c) => [c.recordType, c['accountId'], c['amountMinor']])).toEqual([
      ['payment', ids.cedar, 40_000], ['payment', ids.birch, 600_000], ['payment', ids.atlas, 119_000], ['refund', ids.cedar, -4_300],
    ]);
  });

  it('AR at each month end with aging buckets (incl. tax; the voided invoice is gone)', async () => {
    const series = (await metric('ar-balance', q1)).series;
    expect(series.map((p) => [p.period, p.value, p['currentMinor'], p['days1To30Minor'], p['days31To60Minor'], p['days61To90Minor'], p['over90Minor']])).toEqual([
      ['2026-01', 1_235_700, 1_235_700, 0, 0, 0, 0],
      ['2026-02', 632_629, 32_629, 600_000, 0, 0, 0],
      ['2026-03', 870_629, 119_000, 151_629, 600_000, 0, 0],
    ]);
    const aging = (await metric('ar-aging', { from: '2026-03', to: '2026-03' })).series;
    expect(aging.map((p) => [p['bucket'], p.value, p['count']])).toEqual([['current', 119_000, 1], ['days1To30', 151_629, 2], ['days31To60', 600_000, 1], ['days61To90', 0, 0], ['over90', 0, 0]]);
    const [, , march] = await contributionsOf('ar-balance', q1);
    expect(sum(march ?? [])).toBe(870_629);
  });

  it('DSO: simple and countback', async () => {
    const simple = (await metric('dso', q1)).series;
    expect(simple.map((p) => [p.period, p.value, p['arMinor'], p['billedMinor'], p['days']])).toEqual([
      ['2026-01', 28.28, 1_235_700, 1_354_700, 31],
      ['2026-02', 116.82, 632_629, 151_629, 28],
      ['2026-03', 226.8, 870_629, 119_000, 31],
    ]);
    const countback = (await metric('dso-countback', q1)).series;
    expect(countback.map((p) => [p.period, p.value, p['monthsCounted'], p['uncoveredMinor']])).toEqual([
      ['2026-01', 28.28, 1, 0], ['2026-02', 39.01, 2, 0], ['2026-03', 72.73, 3, 0],
    ]);
  });

  it('backlog (contracted, not billed) and RPO (contracted, not recognized) at month ends', async () => {
    expect(await values('backlog')).toEqual([['2026-01', 1_127_419], ['2026-02', 1_050_000], ['2026-03', 950_000]]);
    const rpo = (await metric('rpo', q1)).series;
    expect(rpo.map((p) => [p.period, p.value, p['unbilledMinor'], p['deferredMinor']])).toEqual([
      ['2026-01', 2_225_501, 1_127_419, 1_098_082],
      ['2026-02', 2_056_027, 1_050_000, 1_006_027],
      ['2026-03', 1_854_110, 950_000, 904_110],
    ]);
    const [january] = await contributionsOf('backlog', q1);
    expect(january?.map((c) => [c['accountId'], c['contractedMinor'], c['billedMinor'], c['amountMinor']])).toEqual([
      [ids.atlas, 1_200_000, 100_000, 1_100_000], [ids.cedar, 57_419, 30_000, 27_419],
    ]);
  });

  it('operating revenue share and revenue growth on recognized revenue', async () => {
    const share = (await metric('operating-revenue-share', q1)).series;
    expect(share.map((p) => [p.period, p.value, p['operatingMinor'], p['totalMinor']])).toEqual([
      ['2026-01', 1, 231_918, 231_918], ['2026-02', 0.9564, 219_474, 229_474], ['2026-03', 1, 201_917, 201_917],
    ]);
    const growth = (await metric('revenue-growth', q1)).series;
    expect(growth.map((p) => [p.period, p.value, p['previousMinor'], p['yoy']])).toEqual([
      ['2026-01', null, 0, null], ['2026-02', -0.0537, 231_918, null], ['2026-03', -0.08, 219_474, null],
    ]);
    // A year later with nothing posted: January 2027 against January 2026 is −100 %; against December 2026 (0) undefined.
    const [january2027] = (await metric('revenue-growth', { from: '2027-01', to: '2027-01' })).series;
    expect(january2027).toMatchObject({ period: '2027-01', value: null, currentMinor: 0, previousMinor: 0, yoy: -1, yearAgoMinor: 231_918 });
    expect((await metric('revenue-growth', { ...q1, interval: 'quarter' })).series.map((p) => [p.period, p.value, p['currentMinor']])).toEqual([['2026-Q1', null, 653_309]]);
  });

  it('explains every money figure with records that add up to it exactly, with and without a breakdown', async () => {
    for (const name of ['billings', 'recognized-revenue', 'cash-collected', 'ar-balance', 'ar-aging', 'backlog', 'rpo']) {
      for (const query of [q1, { ...q1, segment: 'segment' as const }, { ...q1, interval: 'quarter' as const }]) {
        for (const point of (await metric(name, { ...query, explain: true })).series) {
          const records = point.explain?.contributions as RecordContribution[];
          expect(sum(records), `${name} ${point.period} ${String(point.segment)}`).toBe(point.value);
        }
      }
    }
  });

  // The ledger's own balances (its service, not the metrics' SQL) move by exactly the figures.
  const balanceAt = async (code: string, asOfDate: string) => (await accountBalance(t.ctx, code, { asOfDate, currency: 'EUR' })).balance.amountMinor;
  const movement = async (codes: readonly string[], fromDate: string, toDate: string) => {
    let total = 0n;
    for (const code of codes) total += (await balanceAt(code, toDate)) - (await balanceAt(code, fromDate));
    return Number(total);
  };
  const monthEnds = [['2025-12-31', '2026-01-31'], ['2026-01-31', '2026-02-28'], ['2026-02-28', '2026-03-31']] as const;

  it('reconciles with the ledger: recognized revenue = movement of the revenue accounts, RPO’s deferred part = deferred revenue, cash = cash account', async () => {
    const revenue = (await metric('recognized-revenue', q1)).series.map((p) => p.value);
    const operating = [LEDGER_ACCOUNTS.subscriptionRevenue, LEDGER_ACCOUNTS.servicesRevenue, LEDGER_ACCOUNTS.usageRevenue];
    expect(await Promise.all(monthEnds.map(([from, to]) => movement(operating, from, to)))).toEqual(revenue);
    const total = (await metric('operating-revenue-share', q1)).series.map((p) => p['totalMinor']);
    expect(await Promise.all(monthEnds.map(([from, to]) => movement([...operating, '4500'], from, to)))).toEqual(total);
    const deferred = (await metric('rpo', q1)).series.map((p) => p['deferredMinor']);
    expect(await Promise.all(monthEnds.map(([, to]) => balanceAt(LEDGER_ACCOUNTS.deferredRevenue, to).then(Number)))).toEqual(deferred);
    // No credit note is left unapplied here, so AR in the ledger is what the open invoices owe.
    const receivable = (await metric('ar-balance', q1)).series.map((p) => p.value);
    expect(await Promise.all(monthEnds.map(([, to]) => balanceAt(LEDGER_ACCOUNTS.accountsReceivable, to).then(Number)))).toEqual(receivable);
    // The cash account also holds February's 100.00 of bank interest, which no customer paid.
    const cash = (await metric('cash-collected', q1)).series.map((p) => p.value);
    expect(await Promise.all(monthEnds.map(([from, to]) => movement([LEDGER_ACCOUNTS.cash], from, to)))).toEqual([cash[0], Number(cash[1]) + 10_000, cash[2]]);
  });
});
