import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { sql } from 'kysely';
import { changeSubscriptionItems, listInvoices, upsertImportedInvoice } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { LEDGER_ACCOUNTS, postJournalEntry } from '../ledger/index.ts';
import { recordPayment } from '../payments/index.ts';
import { money } from '../shared/money.ts';
import { FINANCE_METRICS } from './finance-catalog.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import type { RecordContribution, SeriesPoint } from './metric-types.ts';
import { seedFinanceExample, type FinanceExample } from './test-fixtures/finance-example.ts';

// docs/metrics.md "As of": the finance metrics as the records stood at an instant, on the worked example.
describe('asOf on the finance metrics', () => {
  let t: TestContext;
  let ids: FinanceExample;
  const q1 = { from: '2026-01', to: '2026-03' };
  const END_OF_MARCH = '2026-03-31T23:59:59Z';
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const withoutRestatement = (series: SeriesPoint[]) => series.map(({ restatedValue: _r, restatement: _s, ...point }) => point);
  const sum = (records: RecordContribution[]) => records.reduce((total, r) => total + Number(r['amountMinor']), 0);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    ids = await seedFinanceExample(t.ctx, t.clock);
  });
  afterAll(() => t.close());

  it('as of an instant with no later changes equals the current figure, for every finance metric', async () => {
    for (const { name, breakdowns } of FINANCE_METRICS) {
      for (const segment of breakdowns.includes('segment') ? [undefined, 'segment'] as const : [undefined]) {
        const query = { ...q1, ...(segment ? { segment } : {}), ...(name === 'revenue-growth' ? { interval: 'quarter' as const } : {}) };
        const now = await metric(name, query);
        const asOf = await metric(name, { ...query, asOf: END_OF_MARCH });
        expect(withoutRestatement(asOf.series), `${name} ${segment ?? ''}`).toEqual(now.series);
        for (const point of asOf.series) {
          expect(point.restatedValue, name).toEqual(point.value);
          expect(point.restatement, name).toBe(point.value === null ? null : 0);
        }
      }
    }
  });

  it('shows a payment recorded in April, received in February, as a restatement of February, and explains the figure as reported', async () => {
    t.clock.set('2026-04-10T09:00:00Z');
    const birchInvoice = (await listInvoices(t.ctx, { accountId: ids.birch })).data.find((i) => i.issueDate === '2026-01-01');
    if (!birchInvoice) throw new Error('no Birch January invoice');
    await recordPayment(t.ctx, { accountId: ids.birch, amount: { amountMinor: 100_000, currency: 'EUR' }, receivedDate: '2026-02-25', allocations: [{ invoiceId: birchInvoice.id, amountMinor: 100_000 }] });

    const cash = await metric('cash-collected', { ...q1, asOf: END_OF_MARCH, explain: true });
    expect(cash.series.map((p) => [p.period, p.value, p.restatedValue, p.restatement])).toEqual([
      ['2026-01', 119_000, 119_000, 0],
      ['2026-02', 754_700, 854_700, 100_000],
      ['2026-03', -119_000, -119_000, 0],
    ]);
    // The figure as reported is explained by the records recorded by then: they sum to it exactly.
    for (const point of cash.series) expect(sum(point.explain?.contributions as RecordContribution[])).toBe(point.value);
    expect(cash.series[1]?.explain?.settings['asOf']).toBe('2026-03-31T23:59:59.000Z');

    const ar = await metric('ar-balance', { from: '2026-02', to: '2026-03', asOf: END_OF_MARCH, explain: true });
    const arNow = await metric('ar-balance', { from: '2026-02', to: '2026-03' });
    expect(ar.series.map((p) => p.restatement)).toEqual([-100_000, -100_000]);
    expect(ar.series.map((p) => p.restatedValue)).toEqual(arNow.series.map((p) => p.value));
    for (const point of ar.series) expect(sum(point.explain?.contributions as RecordContribution[])).toBe(point.value);
    // DSO follows its AR: lower now than as reported.
    const dso = await metric('dso', { from: '2026-02', to: '2026-02', asOf: END_OF_MARCH });
    expect(Number(dso.series[0]?.restatement)).toBeLessThan(0);
    // As of just after it was recorded, nothing is restated.
    const after = await metric('cash-collected', { ...q1, asOf: '2026-04-10T09:00:00Z' });
    expect(after.series.map((p) => p.restatement)).toEqual([0, 0, 0]);
  });

  it('shows a journal entry posted in April, dated in February, as a restatement of recognized revenue', async () => {
    t.clock.set('2026-04-11T09:00:00Z');
    await postJournalEntry(t.ctx, {
      entryDate: '2026-02-26', description: 'Late services revenue', source: { type: 'manual', id: 'late-services' }, idempotencyKey: 'manual:late-services',
      lines: [{ accountCode: LEDGER_ACCOUNTS.cash, debit: money(5_000n, 'EUR') }, { accountCode: LEDGER_ACCOUNTS.servicesRevenue, credit: money(5_000n, 'EUR') }],
    });
    const revenue = await metric('recognized-revenue', { ...q1, asOf: '2026-04-10T23:59:59Z', explain: true });
    expect(revenue.series.map((p) => [p.period, p.value, p.restatement])).toEqual([['2026-01', 231_918, 0], ['2026-02', 219_474, 5_000], ['2026-03', 201_917, 0]]);
    for (const point of revenue.series) expect(sum(point.explain?.contributions as RecordContribution[])).toBe(point.value);
  });

  it('shows an invoice imported in April, issued on 10 February in its source system, as a restatement of billings and AR', async () => {
    t.clock.set('2026-04-12T09:00:00Z');
    const dune = (await createAccount(t.ctx, { name: 'Dune', segment: 'mid', country: 'US', currency: 'EUR' })).id;
    await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'legacy', externalId: 'late-1', accountId: dune, number: 'L-0001', currency: 'EUR', issueDate: '2026-02-10', dueDate: '2026-03-12',
      issuedAt: '2026-02-10T10:00:00Z', subtotalMinor: 20_000,
    });
    const billings = await metric('billings', { ...q1, asOf: END_OF_MARCH, explain: true });
    expect(billings.series.map((p) => [p.period, p.value, p.restatement])).toEqual([['2026-01', 1_330_000, 0], ['2026-02', 127_419, 20_000], ['2026-03', 100_000, 0]]);
    for (const point of billings.series) expect(sum(point.explain?.contributions as RecordContribution[])).toBe(point.value);
    // Its source system's issued_at is earlier, but it was recorded in Revline in April: as of then it was not there.
    const ar = await metric('ar-aging', { from: '2026-02', to: '2026-02', asOf: END_OF_MARCH });
    expect(ar.series.filter((p) => p['bucket'] === 'current').map((p) => p.restatement)).toEqual([20_000]);
    // The new account's segment did not exist as of March: its series is restated only.
    const bySegment = await metric('billings', { from: '2026-02', to: '2026-02', segment: 'segment', asOf: END_OF_MARCH });
    expect(bySegment.series.filter((p) => p['restatedOnly'] === true).map((p) => [p.segment, p.value, p.restatedValue])).toEqual([['mid', null, 20_000]]);
  });

  it('reads backlog, RPO and the bridge as of the instant: a back-dated seat change recorded in April is their restatement', async () => {
    const asReported = async (name: string) => withoutRestatement((await metric(name, { ...q1, asOf: END_OF_MARCH })).series);
    const before = { rpo: await asReported('rpo'), bridge: await asReported('revenue-bridge') };
    t.clock.set('2026-04-15T09:00:00Z');
    const atlas = await sql<{ id: string }>`select id from subscriptions where account_id = ${ids.atlas}`.execute(t.ctx.db);
    await changeSubscriptionItems(t.ctx, { id: atlas.rows[0]?.id ?? '', effectiveDate: '2026-02-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 12 }] });
    const backlog = await metric('backlog', { ...q1, asOf: END_OF_MARCH });
    // As reported: the worked example's figures (docs/metrics.md "Backlog and RPO").
    expect(backlog.series.map((p) => [p.period, p.value])).toEqual([['2026-01', 1_127_419], ['2026-02', 1_050_000], ['2026-03', 950_000]]);
    const now = (await metric('backlog', q1)).series;
    expect(backlog.series.map((p) => p.restatedValue)).toEqual(now.map((p) => p.value));
    // Two more seats at 100.00 from February to the end of the term (December): 11 months, not yet billed.
    expect(backlog.series.map((p) => p.restatement)).toEqual(now.map((p, i) => (p.value ?? 0) - (backlog.series[i]?.value ?? 0)));
    expect(backlog.series[2]?.restatement).toBe(220_000);
    expect(await asReported('rpo')).toEqual(before.rpo);
    expect(await asReported('revenue-bridge')).toEqual(before.bridge);
  });
});
