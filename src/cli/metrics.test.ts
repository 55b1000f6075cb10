import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { computeMetric, listMetrics } from '../metrics/index.ts';
import { seedFinanceExample } from '../metrics/test-fixtures/finance-example.ts';
import { seedPipelineExample } from '../metrics/test-fixtures/pipeline-example.ts';
import { seedSubscriptionExample } from '../metrics/test-fixtures/worked-example.ts';
import { AppError } from '../shared/errors.ts';
import { runFxImport, runMetrics } from './metrics.ts';
import { runPlanImport } from './metrics-plan-import.ts';
import { exitCodeOf } from './option-names.ts';

function capture(): PassThrough & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('revline metrics', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedSubscriptionExample(t.ctx);
  });
  afterAll(() => t.close());

  it('prints the MRR bridge as a table, contraction and churn as negative amounts', async () => {
    const out = capture();
    expect(await runMetrics(t.ctx, 'mrr-movements', { from: '2024-02', to: '2024-03', out })).toBe(0);
    expect(out.text().split('\n')).toEqual([
      'period   currency   start    new  expansion  contraction    churn  reactivation     end  customers',
      '2024-02  USD       377.00  80.00     200.00         0.00     0.00          0.00  657.00  3 +1 +0 −0 = 4',
      '2024-03  USD       657.00   0.00       0.00       -20.00  -200.00          0.00  437.00  4 +0 +0 −1 = 3',
      '',
    ]);
  });

  it('prints a ratio by segment with its numerator and denominator', async () => {
    const out = capture();
    await runMetrics(t.ctx, 'customer-churn-rate', { from: '2024-03', to: '2024-03', by: 'segment', out });
    expect(out.text().split('\n')).toEqual([
      'period   segment     currency  customer-churn-rate  numerator  denominator',
      '2024-03  enterprise  USD                  100.00 %          1            1',
      '2024-03  smb         USD                    0.00 %          0            3',
      '',
    ]);
  });

  it('prints --json exactly as the API answers, explain included', async () => {
    const out = capture();
    await runMetrics(t.ctx, 'arr', { from: '2024-01', to: '2024-04', interval: 'all', json: true, explain: true, out });
    expect(JSON.parse(out.text())).toEqual(await computeMetric(t.ctx, 'arr', { from: '2024-01', to: '2024-04', interval: 'all', explain: true }));
    expect(JSON.parse(out.text())).toMatchObject({ metric: 'arr', unit: 'money', series: [{ period: 'all', currency: 'USD', value: 704_400 }] });
  });

  it('lists the metrics without a name, and refuses a report without months', async () => {
    const out = capture();
    await runMetrics(t.ctx, undefined, { out });
    expect(out.text().split('\n').slice(1, -1).map((line) => line.split(/\s+/)[0])).toEqual(listMetrics().map((m) => m.name));
    await expect(runMetrics(t.ctx, 'mrr', { from: '2024-01', out })).rejects.toBeInstanceOf(AppError);
  });

  it('imports ECB rates from a file and reports rejected cells with exit code 1', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'revline-fx-')), 'eurofxref-hist.csv');
    fs.writeFileSync(file, 'Date,USD,GBP,\n2024-01-31,1.0850,oops,\n');
    const out = capture();
    expect(await runFxImport(t.ctx, file, { out })).toBe(1);
    expect(out.text()).toBe('Rates 2024-01-31 … 2024-01-31 (EUR base, ecb): 1 new, 0 changed, 0 unchanged\n  rejected line 2 GBP: not a positive decimal rate: "oops"\n');
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('names the file and the missing and unknown columns of a wrong header, writing nothing (exit 1)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-header-'));
    const spend = path.join(folder, 'spend.csv');
    fs.writeFileSync(spend, 'when,kind,categry,amount,currency\n2024-02,marketing,ads,400.00,USD\n');
    const error = await runPlanImport(t.ctx, 'spend', spend, { out: capture() }).then(() => null, (e: unknown) => e as AppError);
    expect(error?.detail).toBe(`${spend}: the CSV header lacks date, category and has unknown columns when, categry: expected date,kind,category,amount,currency[,campaign_id]`);
    expect(error?.fieldErrors.map((field) => field.field)).toEqual([spend]);
    expect(exitCodeOf(error)).toBe(1);
    const targets = path.join(folder, 'targets.csv');
    fs.writeFileSync(targets, 'month;amount;currency\n2024-02;1000;USD\n');
    await expect(runPlanImport(t.ctx, 'targets', targets, { out: capture() })).rejects.toThrow(`${targets}: the CSV header lacks month, amount, currency and has unknown columns month;amount;currency`);
    const rates = path.join(folder, 'rates.csv');
    fs.writeFileSync(rates, 'Day,USD\n2024-01-31,1.08\n');
    await expect(runFxImport(t.ctx, rates, { out: capture() })).rejects.toThrow(`${rates}: not an ECB rates file: the first column must be "Date", then one column per currency (the header starts with "Day")`);
    fs.rmSync(folder, { recursive: true });
    const cac = capture();
    await runMetrics(t.ctx, 'sales-marketing-spend', { from: '2024-02', to: '2024-02', out: cac });
    expect(cac.text()).not.toContain('400.00');
  });

  it('imports spend from a file (exit 1 with a rejected row) and prints CAC and the quick ratio', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'revline-spend-')), 'spend.csv');
    fs.writeFileSync(file, 'date,kind,category,amount,currency\n2024-02,marketing,ads,400.00,USD\n2024-02,ads,x,1,USD\n');
    const out = capture();
    expect(await runPlanImport(t.ctx, 'spend', file, { out })).toBe(1);
    expect(out.text()).toBe('Spend (csv): 1 rows, 1 new, 0 changed, 0 unchanged\n  rejected line 3 kind: expected one of sales, marketing: "ads"\n');
    fs.rmSync(path.dirname(file), { recursive: true });
    const cac = capture();
    await runMetrics(t.ctx, 'cac', { from: '2024-02', to: '2024-02', out: cac });
    expect(cac.text().split('\n')).toEqual(['period   currency     cac', '2024-02  USD       400.00', '']);
    const quick = capture();
    await runMetrics(t.ctx, 'quick-ratio', { from: '2024-01', to: '2024-03', interval: 'quarter', out: quick });
    expect(quick.text().split('\n')).toEqual([
      'period   currency  quick-ratio  numerator  denominator',
      '2024-Q1  USD              1.55     310.00       200.00',
      '',
    ]);
  });
});


describe('revline metrics tables for the whole catalogue', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    await seedSubscriptionExample(t.ctx);
    await seedPipelineExample(t.ctx);
    await seedFinanceExample(t.ctx, t.clock);
  });
  afterAll(() => t.close());

  it('prints every metric, with and without a segment breakdown, without "undefined" or "NaN" cells', async () => {
    // The subscription and pipeline examples live in 2024, the finance example in Q1 2026.
    const windows = [{ from: '2024-01', to: '2024-04' }, { from: '2026-01', to: '2026-03' }];
    const printed: string[] = [];
    for (const metric of listMetrics()) {
      for (const window of windows) {
        for (const by of metric.breakdowns.includes('segment') ? [undefined, 'segment'] : [undefined]) {
          const out = capture();
          expect(await runMetrics(t.ctx, metric.name, { ...window, ...(by === undefined ? {} : { by }), out })).toBe(0);
          printed.push(`${metric.name} ${window.from} ${by ?? ''}\n${out.text()}`);
        }
      }
    }
    expect(printed.filter((text) => /undefined|NaN|\[object/.test(text))).toEqual([]);
    // The seeds reach the tables: DSO rows exist, and print without the deal columns of durations.
    expect(printed.find((text) => text.startsWith('dso 2026-01 \n'))?.split('\n').slice(1, 3)).toEqual(['period   currency     dso', '2026-01  EUR        28.28']);
  });

  it('labels each AR aging row with its bucket', async () => {
    const out = capture();
    await runMetrics(t.ctx, 'ar-aging', { from: '2026-03', to: '2026-03', out });
    const lines = out.text().split('\n');
    expect(lines[0]).toBe('period   currency  ar-aging  bucket');
    expect(lines.filter((line) => line.includes(' EUR '))).toEqual([
      '2026-03  EUR        1190.00  current',
      '2026-03  EUR        1516.29  days1To30',
      '2026-03  EUR        6000.00  days31To60',
      '2026-03  EUR           0.00  days61To90',
      '2026-03  EUR           0.00  over90',
    ]);
  });
});
