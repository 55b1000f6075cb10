import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription, listInvoices, runBilling } from '../billing/index.ts';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import { arAging } from './ar-aging.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { invoiceProgress, ledgerBalances, makeCustomer } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';

// The whole chain on billing's own invoices (not imported ones): billing run → issued invoice
// (Dr AR) → payment (Cr AR) → chargeback (Dr AR again). AR in the ledger follows the invoice.
describe('payments on invoices issued by the billing run', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-01-01T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('pays an issued invoice in full; the ledger AR for it nets to zero and returns on chargeback', async () => {
    const accountId = await makeCustomer(t.ctx);
    await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2026-01-01', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4_900 }] });
    const run = await runBilling(t.ctx, { date: '2026-01-01', issue: true });
    expect(run.errors).toEqual([]);
    const [invoice] = (await listInvoices(t.ctx, { accountId })).data;
    if (!invoice) throw new Error('the billing run issued no invoice');
    expect(invoice.status).toBe('issued');
    const before = await ledgerBalances(t.ctx);
    expect(before.byCode[LEDGER_ACCOUNTS.accountsReceivable]).toBe(invoice.totalMinor);

    t.clock.advance({ days: 9 });
    const payment = await recordPayment(t.ctx, { accountId, amount: { amountMinor: invoice.totalMinor, currency: 'EUR' }, receivedDate: '2026-01-10', reference: invoice.number });
    expect(payment.allocations).toEqual([{ invoiceId: invoice.id, amountMinor: invoice.totalMinor }]);
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'paid', paidMinor: invoice.totalMinor, dueMinor: 0n });
    const paid = await ledgerBalances(t.ctx);
    expect(paid.balanced).toBe(true);
    expect(paid.byCode[LEDGER_ACCOUNTS.accountsReceivable]).toBe(0n);
    expect(paid.byCode[LEDGER_ACCOUNTS.cash]).toBe(invoice.totalMinor);
    expect((await arAging(t.ctx, { asOf: '2026-01-10' })).customers).toEqual([]);

    await chargebackPayment(t.ctx, { paymentId: payment.id, date: '2026-01-20' });
    const charged = await ledgerBalances(t.ctx);
    expect(charged.balanced).toBe(true);
    expect(charged.byCode[LEDGER_ACCOUNTS.accountsReceivable]).toBe(invoice.totalMinor);
    expect(charged.byCode[LEDGER_ACCOUNTS.cash]).toBe(0n);
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: invoice.totalMinor });
  });
});
