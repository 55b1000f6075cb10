import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { extractPdfText } from '../../shared/pdf/test-fixtures/pdf-text.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';

// STYLE.md "Money": a usage unit price below one minor unit is an exact decimal, rounded once when
// the line amount is computed — the invoice shows the price as it is, not as 0.00.
describe('usage unit prices below one minor unit on the invoice', () => {
  let t: TestApp;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestApp({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  it('shows 0.0004 EUR per call in the API JSON, the billing run’s documents and the PDF; the amount is rounded once', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', currency: 'EUR', items: [{ itemKey: 'api.calls', kind: 'usage', quantity: 1, unitPriceDecimal: '0.0004', billingIntervalMonths: 1 }] });
    await sql`insert into product_usage_daily (account_id, usage_date, feature_key, usage_count, updated_at) values (${sub.accountId}, '2026-01-10', 'api.calls', 12345, now())`.execute(t.ctx.db);
    const { invoices } = await kit.billOn(sub.id, '2026-02-01');
    const [invoice] = invoices;
    // 12 345 × 0.0004 = 4.938 EUR → 494 cents (half-up, once).
    expect(invoice?.lines.map((line) => [line.quantity, line.unitAmountDecimal, line.amountMinor])).toEqual([['12345', '0.0004', 494n]]);

    const json = (await t.request('viewer', { method: 'GET', url: `/api/v1/invoices/${invoice?.id ?? ''}` })).json();
    expect(json.lines[0]).toMatchObject({ unitAmountDecimal: '0.0004', amount: { amountMinor: 494, currency: 'EUR' } });

    const pdf = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${invoice?.id ?? ''}/document.pdf?language=en` });
    const text = extractPdfText(pdf.rawPayload).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('12,345\n€0.0004\n€4.94'); // quantity, unit price, amount
  });

  it('keeps whole-cent unit prices as they were (no decimal)', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', currency: 'EUR', items: [{ itemKey: 'seat', quantity: 2, unitPriceMinor: 1_000 }] });
    const { invoices } = await kit.billOn(sub.id, '2026-02-01');
    expect(invoices[0]?.lines.map((line) => [line.unitAmountMinor, line.unitAmountDecimal])).toEqual([[1_000n, null]]);
  });
});
