import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { invoiceProgress, makeCustomer, makeIssuedInvoice } from '../fixtures.ts';

describe('POST /payments/statement-imports', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ start: '2026-02-10T09:00:00Z' }); });
  afterAll(async () => { await t.close(); });

  const post = (role: 'finance' | 'viewer' | 'revops', query: string, body: string | Buffer, type = 'text/csv') =>
    t.request(role, { method: 'POST', url: `/api/v1/payments/statement-imports${query}`, headers: { 'content-type': type }, payload: body });

  it('previews a statement (nothing saved), then imports it; importing it again records nothing twice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 150_000n, number: 'INV-2026-000501' });
    const csv = [
      'Buchungstag;Verwendungszweck;Betrag;Währung',
      '09.02.2026;RE INV-2026-000501;1.000,00;EUR',
      '09.02.2026;Gebühr;-2,50;EUR',
      '09.02.2026;unbekannt;5,00;EUR',
    ].join('\n');
    const dry = await post('finance', '?dryRun=true&decimalSeparator=,', csv);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true, counts: { recorded: 0, would_record: 1, duplicate: 0, skipped: 1, error: 1 }, headerErrors: [],
      rows: [
        {
          line: 2, outcome: 'would_record', paymentId: null, accountId, receivedDate: '2026-02-09', reference: 'RE INV-2026-000501',
          amount: { amountMinor: 100_000, currency: 'EUR' }, applied: { amountMinor: 100_000, currency: 'EUR' }, unapplied: { amountMinor: 0, currency: 'EUR' },
          allocations: [{ invoiceId: invoice.id, invoiceNumber: 'INV-2026-000501', amount: { amountMinor: 100_000, currency: 'EUR' } }], errors: [], skipReason: null,
        },
        { line: 3, outcome: 'skipped', accountId: null, receivedDate: '2026-02-09', reference: 'Gebühr', amount: { amountMinor: -250, currency: 'EUR' }, applied: null, skipReason: 'outgoing_amount' },
        { line: 4, outcome: 'error', reference: 'unbekannt', amount: { amountMinor: 500, currency: 'EUR' }, errors: [{ field: 'account', code: 'account_not_found', message: expect.stringContaining('no open invoice number') }] },
      ],
    });
    expect(await invoiceProgress(t.ctx, invoice.id)).toMatchObject({ status: 'issued', paidMinor: 0n });

    const real = await post('finance', '?decimalSeparator=,', csv);
    expect(real.json()).toMatchObject({ dryRun: false, counts: { recorded: 1, skipped: 1, error: 1 }, rows: [{ outcome: 'recorded', paymentId: expect.stringMatching(/^pay_/) }, {}, {}] });
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'issued', paidMinor: 100_000n, dueMinor: 50_000n });
    const again = await post('finance', '?decimalSeparator=,', csv);
    expect(again.json()).toMatchObject({ counts: { recorded: 0, duplicate: 1, skipped: 1, error: 1 } });
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'issued', paidMinor: 100_000n, dueMinor: 50_000n });
  });

  it('reads a Windows-1252 file as the bank wrote it', async () => {
    const accountId = await makeCustomer(t.ctx);
    const text = `Datum;Betrag;Währung;Verwendungszweck;account_id\n09.02.2026;7,00;EUR;Müller Überweisung;${accountId}\n`;
    const bytes = Buffer.from([...text].map((char) => char.charCodeAt(0)));
    const response = await post('finance', '?decimalSeparator=,&dryRun=true', bytes);
    expect(response.json()).toMatchObject({ headerErrors: [], rows: [{ outcome: 'would_record', reference: 'Müller Überweisung' }] });
  });

  it('answers bad requests with problem+json naming what is wrong, and only finance and admins may import', async () => {
    const empty = await post('finance', '', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json()).toMatchObject({ detail: expect.stringContaining('empty') });
    const separator = await post('finance', '?decimalSeparator=;', 'date,amount,currency\n');
    expect(separator.statusCode).toBe(400);
    expect(separator.json()).toMatchObject({ errors: [{ field: 'querystring.decimalSeparator' }] });
    const unknown = await post('finance', '?dry=true', 'date,amount,currency\n');
    expect(unknown.statusCode).toBe(400);
    const json = await t.request('finance', { method: 'POST', url: '/api/v1/payments/statement-imports', payload: { date: '2026-02-09' } });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toContain('application/problem+json');
    const header = await post('finance', '', 'when,amount\n2026-02-09,1.00\n');
    expect(header.statusCode).toBe(200);
    expect(header.json()).toMatchObject({ headerErrors: [{ field: 'date' }, { field: 'currency' }], rows: [] });
    expect((await post('viewer', '', 'date,amount,currency\n')).statusCode).toBe(403);
    expect((await post('revops', '', 'date,amount,currency\n')).statusCode).toBe(403);
  });
});
