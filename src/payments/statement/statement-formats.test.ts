import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { invoiceProgress, makeCustomer, makeIssuedInvoice } from '../fixtures.ts';
import { importStatement } from './import-statement.ts';
import { parseStatementCsv, statementDate } from './parse-statement.ts';
import { statementText } from './statement-text.ts';

/** Statements as banks in Germany, Italy and Russia export them: `;`, decimal commas, local headers, Windows-1252. */
describe('statement formats', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-02-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('reads a German online-banking export: `;`, Buchungstag/Betrag/Währung/Verwendungszweck, 1.234,56, Windows-1252', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 123_456n, number: 'INV-2026-000077' });
    const text = [
      'Buchungstag;Valutadatum;Verwendungszweck;Betrag;Währung',
      '09.02.2026;09.02.2026;Überweisung Müller GmbH INV-2026-000077;1.234,56;EUR',
      '09.02.2026;09.02.2026;Kontoführungsgebühr;-12,50;EUR',
    ].join('\r\n');
    // Windows-1252, as the bank's download is: ä, Ü and ü are single bytes there, not valid UTF-8.
    const bytes = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    expect(bytes.some((byte) => byte > 0x7f)).toBe(true);
    const decoded = statementText(bytes);
    expect(decoded).toBe(text);
    const result = await importStatement(t.ctx, decoded, { decimalSeparator: ',' });
    expect(result.headerErrors).toEqual([]);
    expect(result.counts).toEqual({ recorded: 1, would_record: 0, duplicate: 0, skipped: 1, error: 0 });
    expect(result.rows[0]).toMatchObject({
      line: 2, outcome: 'recorded', receivedDate: '2026-02-09', reference: 'Überweisung Müller GmbH INV-2026-000077', amountMinor: 123_456n,
      allocations: [{ invoiceId: invoice.id, invoiceNumber: 'INV-2026-000077', amountMinor: 123_456n }],
    });
    expect(result.rows[1]).toMatchObject({ line: 3, outcome: 'skipped', skipReason: 'outgoing_amount', receivedDate: '2026-02-09', reference: 'Kontoführungsgebühr', amountMinor: -1_250n, currency: 'EUR' });
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'paid', paidMinor: 123_456n, dueMinor: 0n });
  });

  it('reads UTF-8 as UTF-8 (BOM and all) and Italian and Russian column names', () => {
    const utf8 = new TextEncoder().encode('\uFEFFDATA;IMPORTO;DIVISA;CAUSALE\n2026-02-09;10,00;EUR;Bonifico città\n');
    const italian = parseStatementCsv(statementText(utf8), { decimalSeparator: ',' });
    expect(italian.rows[0]?.value).toMatchObject({ receivedDate: '2026-02-09', amountMinor: 1_000n, currency: 'EUR', reference: 'Bonifico città' });
    const russian = parseStatementCsv('Дата\tСумма\tВалюта\tНазначение платежа\n09.02.2026\t1 000,00\tRUB\tОплата по счёту\n09.02.2026\t1000,00\tRUB\tОплата\n', { decimalSeparator: ',' });
    // "1 000,00" is not an amount (a space is no separator here): an error naming the text, not a silent 1.
    expect(russian.rows[0]?.errors).toEqual([{ field: 'amount', message: 'Not an amount: "1 000,00"' }]);
    expect(russian.rows[1]?.value).toMatchObject({ receivedDate: '2026-02-09', amountMinor: 100_000n, currency: 'RUB', reference: 'Оплата' });
  });

  it('says which decimal separator would read an amount that the chosen one cannot', () => {
    const dotted = parseStatementCsv('date,amount,currency\n2026-02-09,"1.234,56",EUR\n2026-02-09,"1,234.56",EUR\n2026-02-09,12.345,EUR\n');
    expect(dotted.rows.map((row) => row.errors[0]?.message ?? row.value?.amountMinor)).toEqual([
      'Not an amount: "1.234,56" (with "," as the decimal separator it would be one: choose that separator for this file)',
      123_456n,
      '"12.345" has more than 2 decimals for EUR (with "," as the decimal separator it would be one: choose that separator for this file)',
    ]);
    const comma = parseStatementCsv('date;amount;currency\n2026-02-09;1234.56;EUR\n2026-02-09;1.234,56;EUR\n', { decimalSeparator: ',' });
    expect(comma.rows[0]?.errors[0]?.message).toBe('Not an amount: "1234.56" (with "." as the decimal separator it would be one: choose that separator for this file)');
    expect(comma.rows[1]?.value?.amountMinor).toBe(123_456n);
  });

  it('takes YYYY-MM-DD and DD.MM.YYYY dates, and no day that is not', () => {
    expect(['2026-02-09', '09.02.2026', '9.2.2026', '29.02.2028', '29.02.2026', '02/09/2026', '2026-2-9'].map(statementDate))
      .toEqual(['2026-02-09', '2026-02-09', '2026-02-09', '2028-02-29', null, null, null]);
  });
});
