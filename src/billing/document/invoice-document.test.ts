import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { extractPdfText } from '../../shared/pdf/test-fixtures/pdf-text.ts';
import { createAccount, updateAccount } from '../../crm/index.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import { draftInvoicesForSubscription } from '../invoicing/draft-invoices.ts';
import { issueInvoice } from '../invoicing/issue-invoice.ts';
import { setTaxRate, setTaxSettings } from '../tax/tax-settings.ts';
import { loadCreditNoteDocumentData, loadInvoiceDocumentData } from './document-data.ts';
import { renderInvoicePdf } from './render-invoice-pdf.ts';
import { setSellerDetails } from './seller-details.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// Intl separates groups and currency with (narrow) no-break spaces; the assertions read plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const pageCount = (pdf: Buffer) => Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

// Seller in Germany, 19% domestic VAT; 10 seats × 49.00 = 490.00 a month, from 2026-01-15 (17/31 → 268.71).
describe('invoice document (PDF)', () => {
  let t: TestApp;
  const pdf = async (invoiceId: string, query = '') => {
    const response = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${invoiceId}/document.pdf${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  async function draftFor(account: { country: string; taxId?: string; billingAddress?: string }): Promise<string[]> {
    const { id } = await createAccount(t.ctx, {
      name: `Kunde ${account.country}`, currency: 'EUR', country: account.country, taxId: account.taxId ?? null, billingAddress: account.billingAddress ?? null,
    });
    const sub = await createSubscription(t.ctx, makeSubscriptionInput(id, { currency: 'EUR', startDate: '2026-01-15', billingMode: 'calendar', items: [makeItemInput({ itemKey: 'pro-seat' })] }));
    return (await draftInvoicesForSubscription(t.ctx, { subscriptionId: sub.id, throughDate: '2026-01-15' })).invoiceIds;
  }

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-01-15T06:00:00Z' });
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1900, name: 'USt 19%' });
    await setSellerDetails(t.ctx, { legalName: 'Revline GmbH', address: 'Musterstraße 1\n10115 Berlin', vatId: 'DE123456789' });
  });
  afterAll(() => t.close());

  it("writes an issued invoice in the customer's language (German account → German), same bytes every time", async () => {
    const [invoiceId = ''] = await draftFor({ country: 'DE' });
    await issueInvoice(t.ctx, { invoiceId });
    const first = await pdf(invoiceId);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-language']).toBe('de');
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(first.rawPayload)).toBe(1);
    expect(first.headers['x-document-sha256']).toBe(sha256(first.rawPayload));
    t.clock.advance({ hours: 30 });
    const second = await pdf(invoiceId);
    expect(sha256(second.rawPayload)).toBe(sha256(first.rawPayload));

    const text = plain(extractPdfText(first.rawPayload));
    expect(text).toContain('Rechnung');
    expect(text).toContain('Rechnungsnummer\nINV-2026-000001');
    expect(text).toContain('Rechnungsdatum\n15.01.2026');
    expect(text).toContain('Fällig am\n14.02.2026');
    expect(text).toContain('Revline GmbH\nMusterstraße 1\n10115 Berlin\nUSt-IdNr. DE123456789');
    expect(text).toContain('15.01.2026 – 31.01.2026'); // service period of the prorated line, last day inclusive
    expect(text).toContain('268,71 €'); // 49000 × 17/31 = 26870.97 → 26871
    expect(text).toContain('Anteilig 17/31 Tage'); // the proration note in the document's language
    expect(text).toContain('Positionen (EUR)\nBeschreibung\nZeitraum'); // the lines' heading, then the column headers
    expect(text).not.toContain('prorated');
    expect(text).toContain('USt. 19 %\n51,05 €'); // 26871 × 19% = 5105.49 → 5105
    expect(text).toContain('Gesamtbetrag\n319,76 €');
    expect(text).toContain('Offener Betrag\n319,76 €');
    expect(text).toContain('Zahlbar innerhalb von 30 Tagen, bis zum 14.02.2026.');
    expect(text).not.toContain('ENTWURF');
    expect(text).not.toContain('\uFFFD');
  });

  it('writes another language when asked, with its number formats; Russian in Cyrillic', async () => {
    const [invoiceId = ''] = await draftFor({ country: 'DE' });
    await issueInvoice(t.ctx, { invoiceId });
    const en = plain(extractPdfText((await pdf(invoiceId, '?language=en')).rawPayload));
    expect(en).toContain('Invoice number');
    expect(en).toContain('€268.71');
    expect(en).toContain('Jan 15, 2026');
    expect(en).toContain('Prorated 17/31 days');
    const ru = plain(extractPdfText((await pdf(invoiceId, '?language=ru')).rawPayload));
    expect(ru).toContain('Номер счёта');
    expect(ru).toContain('268,71 €');
    expect(ru).toContain('Пропорционально: 17/31 дн.');
    expect(ru).not.toContain('\uFFFD');
    const bad = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${invoiceId}/document.pdf?language=fr` });
    expect(bad.statusCode).toBe(400);
  });

  it('marks a draft DRAFT without a number, and notes the reverse charge for an EU customer with a VAT id', async () => {
    const [draftId = ''] = await draftFor({ country: 'FR', taxId: 'FR40303265045' });
    const draft = await loadInvoiceDocumentData(t.ctx, draftId, 'en');
    const uncompressed = (await renderInvoicePdf(draft, { compress: false })).toString('latin1');
    expect(uncompressed).not.toContain('/FlateDecode'); // the content can be searched as written
    const text = plain(extractPdfText(await renderInvoicePdf(draft)));
    expect(text).toContain('DRAFT');
    expect(text).not.toContain('Invoice number');
    expect(text).not.toContain('Amount due');
    expect(text.replace(/\s*\n\s*/g, ' ')).toContain('Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID FR40303265045.');
    expect(text).toContain('Total\n€268.71'); // no VAT
  });

  it('words why there is no VAT in the reader\u2019s language: the reverse charge with the VAT id it was drafted with, a customer outside the EU', async () => {
    const [reverseId = ''] = await draftFor({ country: 'FR', taxId: 'FR40303265045' });
    await issueInvoice(t.ctx, { invoiceId: reverseId });
    // The customer's VAT id changes after the issue: the issued invoice keeps the one it was issued under.
    const accountId = (await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${reverseId}` })).json().accountId as string;
    await updateAccount(t.ctx, { id: accountId, expectedVersion: 1, changes: { taxId: 'FR83404833048' } });
    const reverse = plain(extractPdfText((await pdf(reverseId, '?language=de')).rawPayload)).replace(/-\n/g, '-').replace(/\s*\n\s*/g, ' ');
    expect(reverse).toContain('Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL 2006/112/EG). USt-IdNr. des Kunden FR40303265045.');
    // The customer block too: the invoice was issued to FR40303265045, whatever the account says now.
    expect(reverse).toContain('USt-IdNr. FR40303265045');
    expect(reverse).not.toContain('FR83404833048');
    const json = (await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${reverseId}/billing` })).json();
    expect(json.taxTreatment).toEqual({ kind: 'reverse_charge', customerVatId: 'FR40303265045' });
    expect(json.customerAtIssue).toEqual({ name: 'Kunde FR', country: 'FR', taxId: 'FR40303265045', address: null });

    // Switzerland: no rate set from Germany, so no VAT, and the invoice says the supply is outside the EU.
    const [swissId = ''] = await draftFor({ country: 'CH' });
    await issueInvoice(t.ctx, { invoiceId: swissId });
    const swiss = plain(extractPdfText((await pdf(swissId)).rawPayload)).replace(/-\n/g, '-').replace(/\s*\n\s*/g, ' ');
    expect(swiss).toContain('Nicht im Inland steuerbare Leistung: Leistungsort außerhalb der EU (MwStSystRL 2006/112/EG).');
    expect(swiss).toContain('Gesamtbetrag 268,71 €');
    const swissJson = (await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${swissId}/billing` })).json();
    expect({ tax: swissJson.tax, treatment: swissJson.taxTreatment }).toEqual({ tax: { amountMinor: 0, currency: 'EUR' }, treatment: { kind: 'outside_eu' } });
    const italian = plain(extractPdfText((await pdf(swissId, '?language=it')).rawPayload)).replace(/-\n/g, '-').replace(/\s*\n\s*/g, ' ');
    expect(italian).toContain('Operazione non soggetta a IVA: luogo della prestazione al di fuori dell’UE (direttiva 2006/112/CE).');
  });

  it('writes a credit note as its own document: the invoice it corrects, the reason, negative lines and totals, the tax note; 404 for an unknown one', async () => {
    const [invoiceId = ''] = await draftFor({ country: 'FR', taxId: 'FR40303265045' });
    await issueInvoice(t.ctx, { invoiceId });
    const voided = await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${invoiceId}/void`, payload: { reason: 'doppelt berechnet' } });
    expect(voided.statusCode, voided.body).toBe(200);
    const { invoice, creditNote } = voided.json() as { invoice: { number: string }; creditNote: { id: string; number: string; taxTreatment: unknown; customerAtIssue: unknown } };
    expect(creditNote.taxTreatment).toEqual({ kind: 'reverse_charge', customerVatId: 'FR40303265045' });
    expect(creditNote.customerAtIssue).toEqual({ name: 'Kunde FR', country: 'FR', taxId: 'FR40303265045', address: null });
    const response = await t.request('finance', { method: 'GET', url: `/api/v1/credit-notes/${creditNote.id}/document.pdf?language=de` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-document-sha256']).toBe(sha256(response.rawPayload));
    const text = plain(extractPdfText(response.rawPayload)).replace(/-\n/g, '-').replace(/\s*\n\s*/g, ' ');
    expect(text).toContain(`Gutschrift Gutschriftsnummer ${creditNote.number}`);
    expect(text).toContain(`Zur Rechnung ${invoice.number} Grund Rechnung storniert: doppelt berechnet`);
    expect(text).toContain('-268,71 €');
    expect(text).toContain('Gesamtbetrag -268,71 €');
    expect(text).not.toContain('Offener Betrag');
    expect(text).toContain('Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL 2006/112/EG). USt-IdNr. des Kunden FR40303265045.');
    // The same bytes every time: a credit note is immutable.
    const again = await t.request('finance', { method: 'GET', url: `/api/v1/credit-notes/${creditNote.id}/document.pdf?language=de` });
    expect(sha256(again.rawPayload)).toBe(sha256(response.rawPayload));
    const english = plain(extractPdfText((await t.request('finance', { method: 'GET', url: `/api/v1/credit-notes/${creditNote.id}/document.pdf` })).rawPayload));
    expect(english).toContain('Credit note');
    expect(english).toContain('Invoice voided: doppelt berechnet');
    // An adjustment (a downgrade's credit for unused time) words its reason with the date in the document's format.
    const data = await loadCreditNoteDocumentData(t.ctx, creditNote.id, 'de');
    const adjustment = plain(extractPdfText(await renderInvoicePdf({ ...data, creditNote: { kind: 'adjustment', invoiceNumber: null, reason: 'Credit for unused time (subscription change on 2026-01-20)' } })));
    expect(adjustment.replace(/\s*\n\s*/g, ' ')).toContain('Grund Gutschrift für nicht genutzte Zeit (Abonnementänderung am 20.01.2026)');
    expect(adjustment).not.toContain('Zur Rechnung');
    const unknown = await t.request('finance', { method: 'GET', url: '/api/v1/credit-notes/cn_unknown/document.pdf' });
    expect({ status: unknown.statusCode, type: unknown.headers['content-type'] }).toEqual({ status: 404, type: expect.stringContaining('application/problem+json') });
  });

  it('prints the customer\u2019s billing address between name and country, and keeps the address the invoice and its credit note were issued to', async () => {
    const [draftId = '', issuedId = ''] = [
      ...await draftFor({ country: 'DE', billingAddress: 'Musterweg 5\n80331 München' }),
      ...await draftFor({ country: 'DE', billingAddress: 'Musterweg 5\n80331 München' }),
    ];
    await issueInvoice(t.ctx, { invoiceId: issuedId });
    const customerBlock = 'Kunde DE\nMusterweg 5\n80331 München\nDE';
    const issued = await pdf(issuedId);
    expect(plain(extractPdfText(issued.rawPayload))).toContain(customerBlock);
    const billing = async (id: string) => (await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${id}/billing` })).json();
    expect((await billing(issuedId)).customerAtIssue).toEqual({ name: 'Kunde DE', country: 'DE', taxId: null, address: 'Musterweg 5\n80331 München' });

    // The customer moves: the issued invoice keeps the address it was issued to (same bytes); the draft shows the new one.
    const accountId = (await billing(issuedId)).accountId as string;
    const draftAccountId = (await billing(draftId)).accountId as string;
    await updateAccount(t.ctx, { id: accountId, expectedVersion: 1, changes: { billingAddress: 'Neue Straße 9\n01067 Dresden' } });
    await updateAccount(t.ctx, { id: draftAccountId, expectedVersion: 1, changes: { billingAddress: 'Neue Straße 9\n01067 Dresden' } });
    const again = await pdf(issuedId);
    expect(sha256(again.rawPayload)).toBe(sha256(issued.rawPayload));
    expect(plain(extractPdfText(again.rawPayload))).not.toContain('Dresden');
    expect((await billing(draftId)).customerAtIssue).toBeNull();
    expect(plain(extractPdfText((await pdf(draftId)).rawPayload))).toContain('Kunde DE\nNeue Straße 9\n01067 Dresden\nDE');

    // A credit note issued now is issued to the address of now, and keeps it when the account changes again.
    const voided = await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${issuedId}/void`, payload: { reason: 'Adresse falsch' } });
    expect(voided.statusCode, voided.body).toBe(200);
    const { creditNote } = voided.json() as { creditNote: { id: string; customerAtIssue: unknown } };
    expect(creditNote.customerAtIssue).toEqual({ name: 'Kunde DE', country: 'DE', taxId: null, address: 'Neue Straße 9\n01067 Dresden' });
    await updateAccount(t.ctx, { id: accountId, expectedVersion: 2, changes: { billingAddress: null } });
    const note = await t.request('finance', { method: 'GET', url: `/api/v1/credit-notes/${creditNote.id}/document.pdf` });
    expect(plain(extractPdfText(note.rawPayload))).toContain('Kunde DE\nNeue Straße 9\n01067 Dresden\nDE');
    expect(plain(extractPdfText((await pdf(issuedId)).rawPayload))).toContain(customerBlock);
  });

  it('lists what settled an invoice and the credit note of a void; shows the amounts paid and due on the PDF', async () => {
    const [paidId = '', voidId = ''] = [...await draftFor({ country: 'DE' }), ...await draftFor({ country: 'DE' })];
    await issueInvoice(t.ctx, { invoiceId: paidId });
    await issueInvoice(t.ctx, { invoiceId: voidId });
    const accountId = (await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${paidId}` })).json().accountId as string;
    const payment = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: {
      accountId, amount: { amountMinor: 10000, currency: 'EUR' }, receivedDate: '2026-01-16', allocations: [{ invoiceId: paidId, amountMinor: 10000 }],
    } });
    expect(payment.statusCode, payment.body).toBe(201);
    const settled = await t.request('viewer', { method: 'GET', url: `/api/v1/invoices/${paidId}/settlements` });
    expect(settled.json()).toMatchObject({ data: [{ sourceType: 'payment', reason: 'apply', amount: { amountMinor: 10000, currency: 'EUR' }, effectiveDate: '2026-01-16' }], creditNotes: [] });
    const text = plain(extractPdfText((await pdf(paidId)).rawPayload));
    expect(text).toContain('Bezahlt\n100,00 €');
    expect(text).toContain('Offener Betrag\n219,76 €'); // 31976 − 10000

    expect((await t.request('finance', { method: 'POST', url: `/api/v1/invoices/${voidId}/void`, payload: { reason: 'Doppelt' } })).statusCode).toBe(200);
    const voided = await t.request('finance', { method: 'GET', url: `/api/v1/invoices/${voidId}/settlements` });
    expect(voided.json()).toMatchObject({ data: [], creditNotes: [{ kind: 'void', reason: expect.stringMatching(/^Void of INV-2026-\d{6}: Doppelt$/), total: { amountMinor: 31976 } }] });
    expect(plain(extractPdfText((await pdf(voidId)).rawPayload))).toContain('STORNIERT');
  });

  it('keeps the seller details (finance writes, viewers read, bad input named by field)', async () => {
    const bad = await t.request('finance', { method: 'PUT', url: '/api/v1/billing/seller-details', payload: { legalName: '', vatId: null } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/body.legalName/);
    expect((await t.request('viewer', { method: 'PUT', url: '/api/v1/billing/seller-details', payload: { legalName: 'X' } })).statusCode).toBe(403);
    expect((await t.request('viewer', { method: 'GET', url: '/api/v1/billing/seller-details' })).json()).toMatchObject({ legalName: 'Revline GmbH', vatId: 'DE123456789' });
  });

  it('answers 404 for an unknown invoice and 403 to roles without billing access', async () => {
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/invoices/inv_missing/document.pdf' })).statusCode).toBe(404);
    expect((await t.request('sales_rep', { method: 'GET', url: '/api/v1/invoices/inv_missing/document.pdf' })).statusCode).toBe(403);
  });
});
