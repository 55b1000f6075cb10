import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { findPayment } from '../billing/index.ts';
import { listCustomerCredits } from './customer-credit.ts';
import { invoiceProgress, ledgerBalances, makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

describe('unapplyPayment', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext({ start: '2026-03-01T09:00:00Z' }); });
  afterAll(async () => { await t.close(); });

  // Regression (found by cash-application.property.test.ts): taking back 1 of 2 dropped the whole allocation.
  it('takes back part of an allocation and keeps the rest, in step with the invoice, the credit and the ledger', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 2n, dueDate: '2026-02-10' });
    const paymentId = (await recordPayment(t.ctx, { accountId, amount: { amountMinor: 5_200n, currency: 'EUR' }, receivedDate: '2026-03-01', autoApply: true })).id;
    const credit = async () => (await listCustomerCredits(t.ctx, { accountId })).reduce((sum, c) => sum + c.amountMinor, 0n);
    expect(await credit()).toBe(5_198n);

    await unapplyPayment(t.ctx, { paymentId, invoiceId: invoice.id, amountMinor: 1n });
    expect((await findPayment(t.ctx, paymentId))?.allocations).toEqual([{ invoiceId: invoice.id, amountMinor: 1n }]);
    expect(await invoiceProgress(t.ctx, invoice.id)).toMatchObject({ status: 'issued', paidMinor: 1n, dueMinor: 1n });
    expect(await credit()).toBe(5_199n);
    expect((await ledgerBalances(t.ctx)).byCode['2200']).toBe(-5_199n);

    await unapplyPayment(t.ctx, { paymentId, invoiceId: invoice.id, amountMinor: 1n });
    expect((await findPayment(t.ctx, paymentId))?.allocations).toEqual([]);
    expect(await invoiceProgress(t.ctx, invoice.id)).toMatchObject({ status: 'issued', paidMinor: 0n, dueMinor: 2n });
    expect(await credit()).toBe(5_200n);
    expect((await ledgerBalances(t.ctx)).byCode['2200']).toBe(-5_200n);
  });
});
