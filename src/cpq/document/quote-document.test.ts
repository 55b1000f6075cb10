import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { extractPdfText } from '../../shared/pdf/test-fixtures/pdf-text.ts';
import { makeSentQuote } from '../acceptance/test-fixtures/sent-quote.ts';
import { createCpqTestApp } from '../test-fixtures/cpq-test-app.ts';
import { makePricedProduct } from '../test-fixtures/seed.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// Intl separates groups and currency with (narrow) no-break spaces; the assertions read plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('quote document (PDF)', () => {
  let t: TestApp;
  const pdfOf = async (quoteId: string) => {
    const response = await t.request('revops', { method: 'GET', url: `/api/v1/quotes/${quoteId}/document.pdf` });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    t = await createCpqTestApp();
  });
  afterAll(() => t.close());

  it('writes a German quote with German amounts, dates and labels', async () => {
    const { quote } = await makeSentQuote(t.ctx, { language: 'de' });
    const response = await pdfOf(quote.id);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(response.headers['x-document-sha256']).toBe(sha256(response.rawPayload));
    const text = plain(extractPdfText(response.rawPayload));
    expect(text).toContain('Angebot');
    expect(text).toContain('1.234,56 €'); // list per line = MRR
    expect(text).toContain('14.814,72 €'); // TCV
    expect(text).toContain('12 Monate, 1. Februar 2026 – 31. Januar 2027');
    expect(text).toContain('Gültig bis\n13. Februar 2026'); // expires 2026-02-14 (exclusive) = 30 days after 2026-01-15
    expect(text).toContain('Gesamtvertragswert (TCV)\n14.814,72 €');
    expect(text).toContain('Platform seat');
    // The lines' heading names the section and its currency, not the column below it ("Produkt").
    expect(text).toContain('Positionen (EUR)');
    expect(text).not.toContain('Produkt (EUR)');
    expect(text).not.toContain('\uFFFD');
  });

  it('writes Russian in Cyrillic with Russian number formats (embedded font)', async () => {
    const { quote } = await makeSentQuote(t.ctx, { language: 'ru' });
    const text = plain(extractPdfText((await pdfOf(quote.id)).rawPayload));
    expect(text).toContain('Коммерческое предложение');
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('14 814,72 €');
    expect(text).toContain('1 февраля 2026 г.');
    expect(text).not.toContain('\uFFFD');
  });

  it('writes English and Italian with their own formats', async () => {
    const en = plain(extractPdfText((await pdfOf((await makeSentQuote(t.ctx, { language: 'en' })).quote.id)).rawPayload));
    expect(en).toContain('€14,814.72');
    expect(en).toContain('Total contract value (TCV)');
    const it_ = plain(extractPdfText((await pdfOf((await makeSentQuote(t.ctx, { language: 'it' })).quote.id)).rawPayload));
    expect(it_).toContain('14.814,72 €');
    expect(it_).toContain('1 febbraio 2026');
    expect(it_).toContain('Valore totale del contratto (TCV)');
  });

  it('is byte-for-byte the same every time (stable SHA-256), whatever the clock says', async () => {
    const { quote } = await makeSentQuote(t.ctx, { language: 'de' });
    const first = await pdfOf(quote.id);
    t.clock.advance({ hours: 5 });
    const second = await pdfOf(quote.id);
    expect(sha256(second.rawPayload)).toBe(sha256(first.rawPayload));
  });

  it('shows ramps per year, discounts and the per-year amounts', async () => {
    const { bookId, quote: base } = await makeSentQuote(t.ctx, { language: 'de' });
    const seat = await makePricedProduct(t.ctx, bookId, { unitAmount: '10.00' }, { name: 'Ramp seat' });
    const created = await t.request('revops', {
      method: 'POST', url: '/api/v1/quotes',
      payload: { opportunityId: base.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 24, language: 'de', discount: { percentBps: 1000 },
        lines: [{ productId: seat.productId, ramp: [{ year: 1, quantity: 10 }, { year: 2, quantity: 20 }] }] },
    });
    // A second quote on the opportunity is a new version; a draft renders as a preview.
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const text = plain(extractPdfText((await pdfOf(id)).rawPayload));
    // 10 × 10.00 × 12 = 1,200.00 and 20 × 10.00 × 12 = 2,400.00; 10 % off the total: 3,240.00.
    expect(text).toContain('Jahr 1: 10 Einheiten');
    expect(text).toContain('Jahr 2: 20 Einheiten');
    expect(text).toContain('Listenpreis\n3.600,00 €');
    expect(text).toContain('Zusätzlicher Rabatt\n-360,00 €');
    expect(text).toContain('Gesamtvertragswert (TCV)\n3.240,00 €');
    expect(text).toContain('Jahr 1\n1. Februar 2026 – 31. Januar 2027\n1.080,00 €');
    expect(text).toContain('Jahr 2\n1. Februar 2027 – 31. Januar 2028\n2.160,00 €');
  });

  it('answers 404 for a quote the caller cannot see, and 403 to roles without quote access', async () => {
    expect((await t.request('revops', { method: 'GET', url: '/api/v1/quotes/quo_missing/document.pdf' })).statusCode).toBe(404);
    expect((await t.request('viewer', { method: 'GET', url: '/api/v1/quotes/quo_missing/document.pdf' })).statusCode).toBe(403);
  });
});
