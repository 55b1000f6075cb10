import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { computeMetric, importEcbRatesCsv, listFxRates, parseEcbCsv, type MetricResult } from './index.ts';
import type { CustomerContribution } from './metric-types.ts';
import { seedDeal } from './test-fixtures/worked-example.ts';

// ECB's eurofxref-hist.csv layout: newest first, a trailing comma, N/A where a rate was not published.
const ECB_CSV = [
  'Date,USD,JPY,GBP,ISK,',
  '2024-03-28,1.0811,163.45,0.8551,N/A,',
  '2024-02-29,1.0813,162.52,0.8556,N/A,',
  '2024-01-31,1.0850,159.61,0.8550,N/A,',
].join('\n');

describe('reporting across currencies with fx_rates', () => {
  let t: TestContext;
  let usdAccount: string;
  const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_type', '=', 'fx_rates').executeTakeFirstOrThrow()).n);
  beforeAll(async () => {
    t = await createTestContext();
    usdAccount = (await createAccount(t.ctx, { name: 'Yankee', currency: 'USD' })).id;
    const eurAccount = (await createAccount(t.ctx, { name: 'Europa', currency: 'EUR' })).id;
    await createSubscription(t.ctx, { accountId: usdAccount, currency: 'USD', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 10_000 }] });
    await createSubscription(t.ctx, { accountId: eurAccount, currency: 'EUR', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 5_000 }] });
  });
  afterAll(() => t.close());

  it('parses ECB CSV: N/A is no rate, a bad cell or duplicate is reported and skipped', () => {
    const { rates, rejected } = parseEcbCsv(`${ECB_CSV}\n2024-01-30,1.08x,0,0.85,,\n2024-01-31,1.09,,,,\nnot-a-date,1,,,,`, 'EUR');
    expect(rates.filter((r) => r.rateDate === '2024-01-31')).toEqual([
      { rateDate: '2024-01-31', base: 'EUR', quote: 'USD', rate: '1.0850' },
      { rateDate: '2024-01-31', base: 'EUR', quote: 'JPY', rate: '159.61' },
      { rateDate: '2024-01-31', base: 'EUR', quote: 'GBP', rate: '0.8550' },
    ]);
    expect(rejected.map((r) => [r.line, r.column])).toEqual([[5, 'USD'], [5, 'JPY'], [6, 'USD'], [7, 'Date']]);
  });

  it('keeps every currency its own series until a reporting currency is asked for, then 422 without rates', async () => {
    const own = (await computeMetric(t.ctx, 'mrr', { from: '2024-01', to: '2024-01' })) as MetricResult;
    expect(own.series.map((p) => [p.currency, p.value])).toEqual([['EUR', 5_000], ['USD', 10_000]]);
    const failure = await computeMetric(t.ctx, 'mrr', { from: '2024-01', to: '2024-01', currency: 'EUR' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect([(failure as AppError).status, (failure as AppError).extra]).toEqual([422, { base: 'USD', quote: 'EUR', date: '2024-01-31' }]);
  });

  it('imports rates once: the same file again changes nothing and writes no audit entry', async () => {
    const first = await importEcbRatesCsv(t.ctx, ECB_CSV);
    expect([first.inserted, first.updated, first.unchanged, first.firstDate, first.lastDate]).toEqual([9, 0, 0, '2024-01-31', '2024-03-28']);
    expect(await auditCount()).toBe(1);
    const again = await importEcbRatesCsv(t.ctx, ECB_CSV);
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 9]);
    expect(await auditCount()).toBe(1);
    expect((await listFxRates(t.ctx, { quote: 'USD', limit: 10 })).map((r) => [r.rateDate, r.rate])).toEqual([['2024-03-28', '1.0811'], ['2024-02-29', '1.0813'], ['2024-01-31', '1.0850']]);
  });

  it('converts each customer at the month-end rate (inverse and cross rates exact, rounded once half-even)', async () => {
    const inEur = (await computeMetric(t.ctx, 'mrr', { from: '2024-01', to: '2024-01', currency: 'EUR', explain: true })) as MetricResult;
    // 100.00 USD ÷ 1.0850 = 92.1658… → 92.17 EUR; plus 50.00 EUR.
    expect([inEur.currency, inEur.series[0]?.value]).toEqual(['EUR', 14_217]);
    const usd = (inEur.series[0]?.explain?.contributions as CustomerContribution[]).find((c) => c.accountId === usdAccount);
    expect(usd?.conversions).toEqual([{ currency: 'USD', amountMinor: 10_000, rate: '1/1.0850', rateDate: '2024-01-31', convertedMinor: 9_217 }]);
    // GBP through the euro: 50 × 0.8550 = 42.75; 100 × 0.8550 ÷ 1.0850 = 78.8018… → 78.80.
    const inGbp = (await computeMetric(t.ctx, 'mrr', { from: '2024-01', to: '2024-01', currency: 'GBP' })) as MetricResult;
    expect(inGbp.series[0]?.value).toBe(4_275 + 7_880);
  });

  it('uses the last rate published within a week: Sunday 31 March 2024 takes Thursday 28 March', async () => {
    const march = (await computeMetric(t.ctx, 'mrr', { from: '2024-03', to: '2024-03', currency: 'EUR' })) as MetricResult;
    expect(march.series[0]?.value).toBe(5_000 + 9_250); // 100 ÷ 1.0811 = 92.4983… → 92.50
    await expect(computeMetric(t.ctx, 'mrr', { from: '2024-05', to: '2024-05', currency: 'EUR' })).rejects.toMatchObject({ code: 'business_rule_violated' });
  });

  it('converts bookings at the close date; in a reporting currency a rate change moves MRR (docs: FX shows as expansion/contraction)', async () => {
    await seedDeal(t.ctx, usdAccount, { name: 'FX deal', won: true, amountMinor: 108_130, firstStageDate: '2024-02-01', closeDate: '2024-02-29' });
    const bookings = (await computeMetric(t.ctx, 'bookings', { from: '2024-02', to: '2024-02', currency: 'EUR' })) as MetricResult;
    expect(bookings.series.map((p) => [p.currency, p.value])).toEqual([['EUR', 100_000]]);
    const rows = await computeMetric(t.ctx, 'mrr-movements', { from: '2024-02', to: '2024-03', currency: 'EUR' });
    // USD 100.00 is 92.17 EUR in January (1.0850), 92.48 in February (1.0813), 92.50 in March (1.0811).
    expect(Array.isArray(rows) && rows.map((r) => [r.mrrStartMinor, r.expansionMinor, r.contractionMinor, r.mrrEndMinor])).toEqual([[14_217, 31, 0, 14_248], [14_248, 2, 0, 14_250]]);
  });
});
