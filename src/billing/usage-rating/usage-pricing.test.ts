import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';
import { previewInvoices } from '../invoicing/preview-invoices.ts';
import { ingestUsageEvents } from '../usage-events/ingest-usage-events.ts';
import { loadInvoiceDocumentData } from '../document/document-data.ts';
import { renderInvoicePdf } from '../document/render-invoice-pdf.ts';
import { billedInvoiceToJson } from '../invoicing/documents-json.ts';
import { extractPdfText } from '../../shared/pdf/test-fixtures/pdf-text.ts';

// Issue #5: usage "aggregated per period (sum, count, max, unique count, latest), rated with graduated,
// volume, package or per-unit prices; minimum commitments with true-up" — through the billing run.
describe('usage pricing in the billing run', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestContext({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  const event = (accountId: string, eventId: string, featureKey: string, occurredAt: string, value: number, uniqueKey: string | null = null) =>
    ({ eventId, accountId, featureKey, occurredAt, value, uniqueKey });

  it('aggregates and rates each usage item by its own rule, with a minimum true-up', async () => {
    const sub = await kit.subscribe({
      startDate: '2026-01-01', billingMode: 'calendar',
      items: [
        { itemKey: 'calls', kind: 'usage', quantity: 1, usage: { aggregation: 'sum', model: 'graduated', tiers: [{ upTo: 100, unitAmount: '0.10' }, { upTo: null, unitAmount: '0.05' }] } },
        { itemKey: 'logins', kind: 'usage', quantity: 1, usage: { aggregation: 'count', model: 'volume', tiers: [{ upTo: 2, unitAmount: '1.00' }, { upTo: null, unitAmount: '0.50' }] } },
        { itemKey: 'storage', kind: 'usage', quantity: 1, usage: { aggregation: 'max', model: 'package', packageSize: 5, packageAmount: '2.00' } },
        { itemKey: 'users', kind: 'usage', quantity: 1, unitPriceMinor: 400, usage: { aggregation: 'unique_count', model: 'per_unit', minimumMinor: 2000 } },
        { itemKey: 'balance', kind: 'usage', quantity: 1, unitPriceDecimal: '1.00', usage: { aggregation: 'latest', model: 'per_unit' } },
      ],
    });
    const a = sub.accountId;
    const ingested = await ingestUsageEvents(t.ctx, { events: [
      event(a, 'c1', 'calls', '2026-01-03T10:00:00Z', 100), event(a, 'c2', 'calls', '2026-01-20T10:00:00Z', 250),
      event(a, 'l1', 'logins', '2026-01-03T10:00:00Z', 9), event(a, 'l2', 'logins', '2026-01-04T10:00:00Z', 9), event(a, 'l3', 'logins', '2026-01-05T10:00:00Z', 9),
      event(a, 's1', 'storage', '2026-01-02T10:00:00Z', 7), event(a, 's2', 'storage', '2026-01-12T10:00:00Z', 12), event(a, 's3', 'storage', '2026-01-22T10:00:00Z', 9),
      event(a, 'u1', 'users', '2026-01-02T10:00:00Z', 1, 'ann'), event(a, 'u2', 'users', '2026-01-03T10:00:00Z', 1, 'bob'), event(a, 'u3', 'users', '2026-01-04T10:00:00Z', 1, 'ann'),
      event(a, 'b1', 'balance', '2026-01-10T10:00:00Z', 5), event(a, 'b2', 'balance', '2026-01-20T10:00:00Z', 8), event(a, 'b3', 'balance', '2026-01-15T10:00:00Z', 3),
    ] });
    expect(ingested.counts).toEqual({ created: 14, duplicate: 0, rejected: 0 });
    const preview = await previewInvoices(t.ctx, { subscriptionId: sub.id, date: '2026-02-01' });
    const run = await kit.billOn(sub.id, '2026-02-01');
    const lines = (run.invoices[0]?.lines ?? []).map((line) => [line.description, line.quantity, line.amountMinor, line.note]);
    expect(lines).toEqual([
      // latest by day (Jan 20: 8) × 1.00
      ['balance', '8', 800n, 'usage 8 (latest) in 2026-01-01 – 2026-02-01 (exclusive)'],
      // 100 × 0.10 + 250 × 0.05 = 22.50
      ['calls', '350', 2250n, 'usage 350 (sum) in 2026-01-01 – 2026-02-01 (exclusive)'],
      // 3 logins, volume: all at 0.50
      ['logins', '3', 150n, 'usage 3 (count) in 2026-01-01 – 2026-02-01 (exclusive)'],
      // max 12 → 3 started packages of 5 at 2.00
      ['storage', '12', 600n, 'usage 12 (max) in 2026-01-01 – 2026-02-01 (exclusive)'],
      // 2 unique users × 4.00 = 800, minimum 2000: true-up 1200
      ['users', '2', 2000n, 'usage 2 (unique_count) in 2026-01-01 – 2026-02-01 (exclusive); rated 800, minimum commitment 2000: true-up 1200'],
    ]);
    expect(preview.invoices.map((invoice) => invoice.lines.map((line) => [line.description, line.amountMinor]))).toEqual([lines.map(([description, , amount]) => [description, amount])]);
    // The API gives the usage note as parts, so the web app words it in the reader's language.
    const currency = run.invoices[0]?.currency;
    const json = billedInvoiceToJson(run.invoices[0]!);
    expect(json.lines.map((line) => line.usageNote)).toEqual([
      { quantity: '8', aggregation: 'latest', startDate: '2026-01-01', endDate: '2026-02-01', rated: null, minimum: null, trueUp: null },
      expect.objectContaining({ quantity: '350', aggregation: 'sum' }), expect.objectContaining({ quantity: '3', aggregation: 'count' }), expect.objectContaining({ quantity: '12', aggregation: 'max' }),
      {
        quantity: '2', aggregation: 'unique_count', startDate: '2026-01-01', endDate: '2026-02-01', rated: { amountMinor: 800, currency }, minimum: { amountMinor: 2000, currency }, trueUp: { amountMinor: 1200, currency },
      },
    ]);
    expect(json.lines.map((line) => line.noteParts)).toEqual([null, null, null, null, null]);
    // Per-unit prices show their unit price; tiers and packages have no one unit price (not the item's 0.00).
    expect(json.lines.map((line) => [line.description, line.unitAmount?.amountMinor ?? null])).toEqual([['balance', 100], ['calls', null], ['logins', null], ['storage', null], ['users', 400]]);
    // The invoice document words the usage notes in its language, amounts as money, the span's last day inclusive.
    const invoiceId = run.invoices[0]?.id ?? '';
    const documentText = async (language: 'de' | 'it') => extractPdfText(await renderInvoicePdf(await loadInvoiceDocumentData(t.ctx, invoiceId, language))).replace(/[\u00a0\u202f]/g, ' ');
    const german = await documentText('de');
    const sign = currency === 'EUR' ? '€' : currency === 'USD' ? '$' : currency ?? '';
    // (The span equals each line's period column here, so the note leaves it out.)
    expect(german.replace(/\s+/g, ' ')).toContain(`users Nutzung 2 (Anzahl eindeutiger Werte); bewertet mit 8,00 ${sign}, Mindestabnahme 20,00 ${sign}: Ausgleich 12,00 ${sign} 01.01.2026 – 31.01.2026`);
    expect(german.replace(/\s+/g, ' ')).toContain('calls Nutzung 350 (Summe) 01.01.2026 – 31.01.2026');
    expect(german).not.toMatch(/usage|exclusive|true-up/);
    expect((await documentText('it')).replace(/\s+/g, ' ')).toContain('balance Utilizzo 8 (ultimo valore) 1 gen 2026 – 31 gen 2026');
    // A late peak raises the max: the difference is billed next time, once.
    await ingestUsageEvents(t.ctx, { events: [event(a, 's4', 'storage', '2026-01-30T10:00:00Z', 16)] });
    const late = await kit.billOn(sub.id, '2026-02-02');
    expect(late.invoices.map((invoice) => invoice.lines.map((line) => [line.description, line.amountMinor]))).toEqual([[['storage', 200n]]]);
    expect((await kit.billOn(sub.id, '2026-02-02')).invoices).toEqual([]);
  });

  it('prorates the minimum over a partial first period and refuses pricing on a recurring item or without tiers', async () => {
    t.clock.set('2026-01-16T06:00:00Z');
    // The kit's account is the one above: a feature it has no events for.
    const sub = await kit.subscribe({ startDate: '2026-01-16', billingMode: 'calendar', items: [{ itemKey: 'queries', kind: 'usage', quantity: 1, unitPriceDecimal: '0.01', usage: { aggregation: 'sum', model: 'per_unit', minimumMinor: 3100 } }] });
    // 16 of January's 31 days: minimum 3100 × 16/31 = 1600; no usage → true-up 1600.
    const run = await kit.billOn(sub.id, '2026-02-01');
    expect(run.invoices.map((invoice) => invoice.lines.map((line) => [line.amountMinor, line.note]))).toEqual([[[1600n, 'usage 0 (sum) in 2026-01-16 – 2026-02-01 (exclusive); rated 0, minimum commitment 1600: true-up 1600']]]);
    await expect(kit.subscribe({ startDate: '2026-01-16', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 100, usage: { aggregation: 'sum', model: 'per_unit' } }] }))
      .rejects.toMatchObject({ fieldErrors: [{ field: 'body.items.0', message: expect.stringContaining('usage items') }] });
    await expect(kit.subscribe({ startDate: '2026-01-16', items: [{ itemKey: 'calls', kind: 'usage', quantity: 1, usage: { aggregation: 'sum', model: 'graduated' } }] }))
      .rejects.toMatchObject({ fieldErrors: [{ field: 'body.items.0.usage.tiers', message: expect.stringContaining('tiers') }] });
  });
});
