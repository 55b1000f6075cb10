import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { accountBalance, LEDGER_ACCOUNTS, postJournalEntry } from '../ledger/index.ts';
import { money } from '../shared/money.ts';
import { computeMetric, type MetricQuery, type MetricResult, type MovementRow } from './index.ts';
import type { RecordContribution } from './metric-types.ts';
import { REVENUE_BRIDGE_LINES, type RevenueBridgeLine } from './revenue-bridge.ts';
import { seedFinanceExample } from './test-fixtures/finance-example.ts';

// docs/metrics.md "Revenue bridge": the finance worked example (EUR, Q1 2026), line by line.
describe('revenue bridge (docs/metrics.md worked example)', () => {
  let t: TestContext;
  const q1 = { from: '2026-01', to: '2026-03' };
  const bridge = async (query: MetricQuery = q1) => (await computeMetric(t.ctx, 'revenue-bridge', query)) as MetricResult;
  /** line → [January, February, March] */
  const byLine = (result: MetricResult) => {
    const lines: Partial<Record<RevenueBridgeLine, Array<number | null>>> = {};
    for (const point of result.series) (lines[point['line'] as RevenueBridgeLine] ??= []).push(point.value);
    return lines;
  };
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    await seedFinanceExample(t.ctx, t.clock);
  });
  afterAll(() => t.close());

  it('reports every line per month, as in the docs', async () => {
    const result = await bridge();
    expect(result.series.every((p) => p.currency === 'EUR')).toBe(true);
    expect(result.series.slice(0, Object.keys(REVENUE_BRIDGE_LINES).length).map((p) => p['line'])).toEqual(Object.keys(REVENUE_BRIDGE_LINES));
    expect(byLine(result)).toEqual({
      bookings: [2_457_419, 50_000, 50_000],
      'backlog-change': [1_127_419, -77_419, -100_000],
      'billed-against-contracts': [1_330_000, 127_419, 150_000],
      billings: [1_330_000, 127_419, 100_000],
      'billings-outside-contracts': [0, 0, -50_000],
      'recognized-revenue': [231_918, 219_474, 201_917],
      'deferred-revenue-change': [1_098_082, -92_055, -101_917],
      'billings-less-recognized-other': [0, 0, 0],
      'cash-collected': [119_000, 754_700, -119_000],
      'tax-billed': [24_700, 24_210, 19_000],
      'ar-change': [1_235_700, -603_071, 238_000],
      'billings-less-cash-other': [0, 0, 0],
      'mrr-change': [250_000, 0, 0],
    });
    const [march] = (await bridge({ ...q1, from: '2026-03', explain: true })).series.filter((p) => p['line'] === 'billings-outside-contracts');
    // The void credit note of Cedar's March invoice: contract lines count a voided line as billed (the charge is waived).
    expect(march?.explain?.contributions.filter((c) => (c as RecordContribution).recordType === 'credit_note').map((c) => (c as RecordContribution)['amountMinor'])).toEqual([-50_000]);
  });

  it('holds its identities and sits beside the MRR bridge', async () => {
    const lines = byLine(await bridge()) as Record<RevenueBridgeLine, number[]>;
    for (let m = 0; m < 3; m += 1) {
      const at = (line: RevenueBridgeLine) => lines[line][m] ?? Number.NaN;
      expect(at('backlog-change')).toBe(at('bookings') - at('billed-against-contracts'));
      expect(at('billings-outside-contracts')).toBe(at('billings') - at('billed-against-contracts'));
      expect(at('billings-less-recognized-other')).toBe(at('billings') - at('recognized-revenue') - at('deferred-revenue-change'));
      expect(at('billings-less-cash-other')).toBe(at('billings') + at('tax-billed') - at('cash-collected') - at('ar-change'));
    }
    const movements = (await computeMetric(t.ctx, 'mrr-movements', q1)) as MovementRow[];
    expect(lines['mrr-change']).toEqual(movements.map((row) => row.mrrEndMinor - row.mrrStartMinor));
    const [january] = (await bridge()).series.filter((p) => p['line'] === 'mrr-change');
    expect(january).toMatchObject({ mrrStartMinor: 0, newMinor: 250_000, mrrEndMinor: 250_000 });
  });

  it('explains every line with records that add up to it exactly (months and a quarter)', async () => {
    for (const query of [q1, { ...q1, interval: 'quarter' as const }]) {
      for (const point of (await bridge({ ...query, explain: true })).series) {
        const records = point.explain?.contributions as RecordContribution[];
        expect(records.reduce((sum, r) => sum + Number(r['amountMinor']), 0), `${point.period} ${String(point['line'])}`).toBe(point.value);
      }
    }
  });

  // The ledger's own balances (its service, not the metrics' SQL) move by exactly the bridge's lines.
  const balanceAt = async (code: string, asOfDate: string) => Number((await accountBalance(t.ctx, code, { asOfDate, currency: 'EUR' })).balance.amountMinor);
  const monthEnds = [['2025-12-31', '2026-01-31'], ['2026-01-31', '2026-02-28'], ['2026-02-28', '2026-03-31']] as const;

  it('reconciles with the ledger and with the backlog metric', async () => {
    const lines = byLine(await bridge()) as Record<RevenueBridgeLine, number[]>;
    const change = (code: string) => Promise.all(monthEnds.map(async ([from, to]) => (await balanceAt(code, to)) - (await balanceAt(code, from))));
    expect(await change(LEDGER_ACCOUNTS.deferredRevenue)).toEqual(lines['deferred-revenue-change']);
    expect(await change(LEDGER_ACCOUNTS.accountsReceivable)).toEqual(lines['ar-change']);
    const revenue = await Promise.all([LEDGER_ACCOUNTS.subscriptionRevenue, LEDGER_ACCOUNTS.servicesRevenue, LEDGER_ACCOUNTS.usageRevenue].map(change));
    expect(monthEnds.map((_, m) => revenue.reduce((sum, account) => sum + (account[m] ?? 0), 0))).toEqual(lines['recognized-revenue']);
    const backlog = ((await computeMetric(t.ctx, 'backlog', { from: '2025-12', to: '2026-03' })) as MetricResult).series.map((p) => p.value ?? 0);
    expect(backlog.slice(1).map((value, m) => value - (backlog[m] ?? 0))).toEqual(lines['backlog-change']);
  });

  it('names what the billing documents do not explain: a manual revenue entry shows in the "other" line with its journal entry', async () => {
    const entry = await postJournalEntry(t.ctx, {
      entryDate: '2026-04-10', description: 'Manual revenue', source: { type: 'manual', id: 'rev-2026-04' }, idempotencyKey: 'manual:rev-2026-04',
      lines: [{ accountCode: LEDGER_ACCOUNTS.cash, debit: money(5_000n, 'EUR') }, { accountCode: LEDGER_ACCOUNTS.subscriptionRevenue, credit: money(5_000n, 'EUR') }],
    });
    const april = (await bridge({ from: '2026-04', to: '2026-04', explain: true })).series;
    const other = april.find((p) => p['line'] === 'billings-less-recognized-other');
    expect(other?.value).toBe(-5_000);
    expect(other?.explain?.contributions.map((c) => [(c as RecordContribution).recordType, (c as RecordContribution).id, (c as RecordContribution)['amountMinor']])).toEqual([['journal_entry', entry.id, -5_000]]);
  });

  it('refuses a breakdown and days; a currency keeps that currency’s bridge only', async () => {
    await expect(bridge({ ...q1, segment: 'segment' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(bridge({ ...q1, interval: 'day' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await bridge({ ...q1, currency: 'USD' })).series).toEqual([]);
    expect((await bridge({ ...q1, currency: 'EUR' })).series.length).toBe(3 * Object.keys(REVENUE_BRIDGE_LINES).length);
  });
});
