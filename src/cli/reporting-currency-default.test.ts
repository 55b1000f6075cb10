import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { importEcbRatesCsv, setReportingCurrency } from '../metrics/index.ts';
import { seedSubscriptionExample } from '../metrics/test-fixtures/worked-example.ts';
import { makeCustomer, makeIssuedInvoice } from '../payments/fixtures.ts';
import { AppError } from '../shared/errors.ts';
import { runMetrics } from './metrics.ts';
import { runArAging } from './payments.ts';

function capture() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (caught: unknown) => caught);

// The worked example of docs/metrics.md (USD; ARR at the end of April 2024 = 12 × 587.00 = 7,044.00).
describe('revline metrics and ar aging default to the company reporting currency', () => {
  let t: TestContext;
  const arr = async (currency?: string) => {
    const printed = capture();
    await runMetrics(t.ctx, 'arr', { from: '2024-01', to: '2024-04', interval: 'all', ...(currency === undefined ? {} : { currency }), out: printed.out });
    return printed.text().split('\n')[1];
  };
  beforeAll(async () => {
    t = await createTestContext({ start: '2024-05-06T09:00:00Z' });
    await seedSubscriptionExample(t.ctx);
  });
  afterAll(() => t.close());

  it('reports per currency while the company has none', async () => {
    expect(await arr()).toMatch(/^all\s+USD\s+7044\.00$/);
  });

  it('keeps the missing-rate message of an explicit --currency, and says where the default came from', async () => {
    await setReportingCurrency(t.ctx, { reportingCurrency: 'EUR' });
    const explicit = await failure(arr('EUR'));
    const defaulted = await failure(arr());
    expect(explicit).toBeInstanceOf(AppError);
    expect(defaulted).toBeInstanceOf(AppError);
    const explicitDetail = (explicit as AppError).detail ?? '';
    expect(explicitDetail).toMatch(/^No USD→EUR exchange rate on 2024-04-30 or in the 7 days before; import rates/);
    expect((defaulted as AppError).status).toBe(422);
    expect((defaulted as AppError).detail).toBe(`${explicitDetail} (EUR is the company reporting currency; --currency original reports per currency)`);
  });

  it('converts into the company currency by default; --currency names another or "original" for per currency', async () => {
    await importEcbRatesCsv(t.ctx, 'Date,USD,GBP\n2024-04-30,1.0800,0.8000\n');
    // The default is exactly the explicit report: about 7,044.00 / 1.08 (each record converted and rounded, docs/metrics.md).
    const converted = await arr();
    expect(converted).toMatch(/^all\s+EUR\s+652[0-9]\.\d\d$/);
    expect(converted).toBe(await arr('EUR'));
    expect(await arr('GBP')).toMatch(/^all\s+GBP\s+521[0-9]\.\d\d$/);
    expect(await arr('original')).toMatch(/^all\s+USD\s+7044\.00$/);
    expect(await arr('ORIGINAL')).toMatch(/^all\s+USD\s+7044\.00$/);
    const bad = await failure(arr('XYZ'));
    // Named as the option the user typed (option-names.ts), not as the API's query parameter.
    expect((bad as AppError).fieldErrors.map((field) => field.field)).toEqual(['--currency']);
  });

  it('ages AR in the company currency too, beside document currency; --currency original leaves it out', async () => {
    const accountId = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_800n, currency: 'USD', issueDate: '2024-04-01', dueDate: '2024-05-01' });
    const aging = capture();
    expect(await runArAging(t.ctx, { asOf: '2024-05-03', out: aging.out })).toBe(0);
    expect(aging.text()).toContain('AR aging as of 2024-05-03 (document currency, then EUR: 1 USD = 1/1.0800 EUR (2024-04-30))');
    expect(aging.text()).toMatch(/TOTAL\s+EUR\s+0\.00\s+100\.00\s+0\.00\s+0\.00\s+0\.00\s+100\.00/);
    const original = capture();
    await runArAging(t.ctx, { asOf: '2024-05-03', currency: 'original', out: original.out });
    expect(original.text()).toContain('AR aging as of 2024-05-03 (document currency)\n');
    expect(original.text()).not.toMatch(/EUR/);
    // Past the rates' 7 days: the same message as with --currency EUR, plus the hint.
    const stale = await failure(runArAging(t.ctx, { asOf: '2024-05-20', out: capture().out }));
    expect((stale as AppError).detail).toMatch(/^No USD→EUR exchange rate on 2024-05-20 .* \(EUR is the company reporting currency; --currency original reports per currency\)$/);
  });
});
