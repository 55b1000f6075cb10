import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { invoiceProgress, ledgerBalances, makeCustomer, makeIssuedInvoice } from '../fixtures.ts';
import { importStatement } from './import-statement.ts';

describe('bank statement import', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-02-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('reports a line dated after today as an error on its date, with its line number, and records the others', async () => {
    const accountId = await makeCustomer(t.ctx);
    const csv = ['date,amount,currency,reference,account_id,transaction_id', `2026-02-10,5.00,EUR,today,${accountId},f-1`, `2026-02-11,6.00,EUR,tomorrow,${accountId},f-2`].join('\n');
    const result = await importStatement(t.ctx, csv);
    expect(result.counts).toEqual({ recorded: 1, would_record: 0, duplicate: 0, skipped: 0, error: 1 });
    expect(result.rows.find((row) => row.line === 3)).toMatchObject({ outcome: 'error', errors: [{ field: 'date', message: expect.stringContaining('2026-02-10') }] });
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBe(500n);
  });

  it('records each line exactly by currency exponent, skips outgoing money, reports bad lines, and records nothing twice on re-import', async () => {
    const accountId = await makeCustomer(t.ctx);
    const jpyCustomer = await makeCustomer(t.ctx, { currency: 'JPY' });
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 123_450n, number: 'INV-2026-000042' });
    const csv = [
      'Date,Amount,Currency,Reference,Account_ID,Transaction_ID',
      `2026-02-09,1234.50,EUR,Payment INV-2026-000042,,tx-1`,
      `2026-02-09,0.07,EUR,top-up,${accountId},tx-2`,
      `2026-02-09,1500,JPY,deposit,${jpyCustomer},tx-3`,
      `2026-02-09,1.5,JPY,bad,${jpyCustomer},tx-4`,
      `2026-02-09,-20.00,EUR,fee,${accountId},tx-5`,
      `09.02.2026,10.00,EUR,x,${accountId},tx-6`,
      `2026-02-09,10.00,EUR,nobody,,tx-7`,
      `2026-02-30,10.00,EUR,no such day,${accountId},tx-8`,
    ].join('\n');
    const first = await importStatement(t.ctx, csv);
    expect(first.counts).toEqual({ recorded: 4, would_record: 0, duplicate: 0, skipped: 1, error: 3 });
    const byLine = new Map(first.rows.map((row) => [row.line, row]));
    expect(byLine.get(2)).toMatchObject({ outcome: 'recorded', accountId, amountMinor: 123_450n, appliedMinor: 123_450n, unappliedMinor: 0n });
    expect(byLine.get(3)).toMatchObject({ outcome: 'recorded', amountMinor: 7n, appliedMinor: 0n, unappliedMinor: 7n });
    expect(byLine.get(4)).toMatchObject({ outcome: 'recorded', currency: 'JPY', amountMinor: 1_500n });
    expect(byLine.get(5)?.errors[0]?.field).toBe('amount');
    // A fee or a transfer out is not a customer's payment: skipped with its reason, not an error.
    expect(byLine.get(6)).toMatchObject({ outcome: 'skipped', skipReason: 'outgoing_amount', errors: [] });
    // DD.MM.YYYY, as German and Russian banks write dates.
    expect(byLine.get(7)).toMatchObject({ outcome: 'recorded', receivedDate: '2026-02-09', amountMinor: 1_000n });
    expect(byLine.get(8)).toMatchObject({ outcome: 'error', receivedDate: '2026-02-09', reference: 'nobody', amountMinor: 1_000n, currency: 'EUR' });
    expect(byLine.get(8)?.errors[0]?.field).toBe('account');
    expect(byLine.get(9)?.errors[0]).toEqual({ field: 'date', message: 'expected YYYY-MM-DD or DD.MM.YYYY, got "2026-02-30"' });
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'paid', paidMinor: 123_450n, dueMinor: 0n });

    const again = await importStatement(t.ctx, csv);
    expect(again.counts).toEqual({ recorded: 0, would_record: 0, duplicate: 4, skipped: 1, error: 3 });
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBe(124_457n);
  });

  it('a dry run shows the application and saves nothing; a file without ids dedupes by content', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n });
    const csv = `date,amount,currency,description,account\n2026-02-09,30.00,EUR,ACME,${accountId}\n`;
    const dry = await importStatement(t.ctx, csv, { dryRun: true });
    expect(dry.rows).toMatchObject([{ outcome: 'would_record', paymentId: null, appliedMinor: 3_000n, allocations: [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amountMinor: 3_000n }] }]);
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 5_000n });
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBeUndefined();
    expect((await importStatement(t.ctx, csv)).counts.recorded).toBe(1);
    expect((await importStatement(t.ctx, csv)).counts.duplicate).toBe(1);
  });

  it('names missing columns', async () => {
    const result = await importStatement(t.ctx, 'when,amount\n2026-01-01,1.00\n');
    expect(result.headerErrors.map((e) => e.field)).toEqual(['date', 'currency']);
    expect(result.rows).toEqual([]);
  });
});
