import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import { AppError } from '../shared/errors.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { applyCustomerCredit, listCustomerCredits } from './customer-credit.ts';
import { invoiceProgress, ledgerBalances, makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

const { cash, accountsReceivable: ar, customerCredit: credit } = LEDGER_ACCOUNTS;
const eur = (amountMinor: bigint) => ({ amountMinor, currency: 'EUR' });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('cash application (scenario on a fake clock)', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-02-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('pays the oldest open invoice first, partially, and books Dr cash / Cr AR', async () => {
    const accountId = await makeCustomer(t.ctx);
    const older = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, dueDate: '2026-01-20' });
    const newer = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, dueDate: '2026-02-05' });
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(12_345n), receivedDate: '2026-02-10', reference: 'thank you' });
    expect(payment.allocations).toEqual([
      { invoiceId: older.id, amountMinor: 10_000n },
      { invoiceId: newer.id, amountMinor: 2_345n },
    ].sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : 1)));
    expect(payment.unappliedMinor).toBe(0n);
    expect(await invoiceProgress(t.ctx, older.id)).toEqual({ status: 'paid', paidMinor: 10_000n, dueMinor: 0n });
    expect(await invoiceProgress(t.ctx, newer.id)).toEqual({ status: 'issued', paidMinor: 2_345n, dueMinor: 2_655n });
    const ledger = await ledgerBalances(t.ctx);
    expect(ledger.balanced).toBe(true);
    expect(ledger.byCode[cash]).toBe(12_345n);
    expect(ledger.byCode[ar]).toBe(-12_345n);
    expect(ledger.byCode[credit]).toBeUndefined();
  });

  it('pays the invoice named in the reference and keeps the overpayment as customer credit', async () => {
    const accountId = await makeCustomer(t.ctx);
    const older = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, dueDate: '2026-01-20' });
    const named = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, dueDate: '2026-02-05', number: 'INV-2026-000777' });
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(6_000n), receivedDate: '2026-02-10', reference: 'SEPA inv-2026-000777 ACME' });
    expect(payment.allocations).toEqual([{ invoiceId: named.id, amountMinor: 5_000n }]);
    expect(payment.unappliedMinor).toBe(1_000n);
    expect(await invoiceProgress(t.ctx, older.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 10_000n });
    expect(await listCustomerCredits(t.ctx, { accountId })).toEqual([{ accountId, currency: 'EUR', amountMinor: 1_000n }]);
    const ledger = await ledgerBalances(t.ctx);
    expect(ledger).toEqual({ balanced: true, byCode: { [cash]: 6_000n, [ar]: -5_000n, [credit]: -1_000n } });

    // The credit pays the next invoice: Dr customer credit / Cr AR.
    const applied = await applyCustomerCredit(t.ctx, { accountId, currency: 'EUR', date: '2026-02-11' });
    expect(applied.map((p) => p.unappliedMinor)).toEqual([0n]);
    expect(await invoiceProgress(t.ctx, older.id)).toEqual({ status: 'issued', paidMinor: 1_000n, dueMinor: 9_000n });
    expect((await ledgerBalances(t.ctx)).byCode).toEqual({ [cash]: 6_000n, [ar]: -6_000n, [credit]: 0n });
  });

  it('applies explicit allocations and refuses too much, another account or a double invoice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const other = await makeCustomer(t.ctx);
    const a = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 3_000n });
    const b = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 3_000n });
    const foreign = await makeIssuedInvoice(t.ctx, other, { totalMinor: 3_000n });
    const tooMuch = await rejection(recordPayment(t.ctx, { accountId, amount: eur(1_000n), receivedDate: '2026-02-10', allocations: [{ invoiceId: a.id, amountMinor: 1_001n }] }));
    expect(tooMuch.fieldErrors[0]?.field).toBe('body.allocations');
    const wrongAccount = await rejection(recordPayment(t.ctx, { accountId, amount: eur(1_000n), receivedDate: '2026-02-10', allocations: [{ invoiceId: foreign.id, amountMinor: 500n }] }));
    expect(wrongAccount.fieldErrors[0]?.field).toBe('body.allocations.0.invoiceId');
    const usd = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 3_000n, currency: 'USD' });
    const wrongCurrency = await rejection(recordPayment(t.ctx, { accountId, amount: eur(1_000n), receivedDate: '2026-02-10', allocations: [{ invoiceId: usd.id, amountMinor: 500n }] }));
    expect(wrongCurrency.fieldErrors).toEqual([{ field: 'body.allocations.0.invoiceId', message: `invoice ${usd.number} is in USD, the payment in EUR` }]);
    const overDue = await rejection(recordPayment(t.ctx, { accountId, amount: eur(9_000n), receivedDate: '2026-02-10', allocations: [{ invoiceId: a.id, amountMinor: 3_001n }] }));
    expect(overDue.code).toBe('business_rule_violated');
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(5_000n), receivedDate: '2026-02-10', allocations: [{ invoiceId: b.id, amountMinor: 3_000n }, { invoiceId: a.id, amountMinor: 1_500n }] });
    expect(payment.unappliedMinor).toBe(500n);
    expect(await invoiceProgress(t.ctx, a.id)).toEqual({ status: 'issued', paidMinor: 1_500n, dueMinor: 1_500n });
    expect(await invoiceProgress(t.ctx, b.id)).toEqual({ status: 'paid', paidMinor: 3_000n, dueMinor: 0n });
    // Rejected payments left nothing behind.
    expect((await ledgerBalances(t.ctx)).byCode[cash]).toBe(5_000n);
  });

  it('unapplies and reapplies, refunds credit, and reverses a chargeback — the ledger balances throughout', async () => {
    const accountId = await makeCustomer(t.ctx);
    const wrong = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 4_000n, dueDate: '2026-01-10' });
    const right = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 4_000n, dueDate: '2026-01-20' });
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(5_000n), receivedDate: '2026-02-10' });
    expect(await invoiceProgress(t.ctx, wrong.id)).toEqual({ status: 'paid', paidMinor: 4_000n, dueMinor: 0n });

    const unapplied = await unapplyPayment(t.ctx, { paymentId: payment.id, invoiceId: wrong.id, reason: 'customer paid the other one' });
    expect(unapplied.unappliedMinor).toBe(4_000n);
    expect(await invoiceProgress(t.ctx, wrong.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 4_000n });
    const reapplied = await applyPaymentCredit(t.ctx, { paymentId: payment.id, allocations: [{ invoiceId: right.id, amountMinor: 3_000n }] });
    expect(reapplied.unappliedMinor).toBe(1_000n);
    expect(await invoiceProgress(t.ctx, right.id)).toEqual({ status: 'paid', paidMinor: 4_000n, dueMinor: 0n });

    const tooBig = await rejection(refundPayment(t.ctx, { paymentId: payment.id, amountMinor: 1_001n }));
    expect(tooBig.fieldErrors[0]?.field).toBe('body.amountMinor');
    const refunded = await refundPayment(t.ctx, { paymentId: payment.id, amountMinor: 400n, reason: 'customer asked' });
    expect(refunded.unappliedMinor).toBe(600n);
    expect(refunded.status).toBe('succeeded');
    expect((await ledgerBalances(t.ctx)).byCode).toEqual({ [cash]: 4_600n, [ar]: -4_000n, [credit]: -600n });

    t.clock.advance({ days: 3 });
    const charged = await chargebackPayment(t.ctx, { paymentId: payment.id, reason: 'fraud claim' });
    expect(charged.status).toBe('refunded');
    expect(charged.allocations).toEqual([]);
    expect(charged.unappliedMinor).toBe(0n);
    expect(charged.reversals.map((r) => [r.kind, r.amountMinor])).toEqual([['refund', 400n], ['chargeback', 4_600n]]);
    expect(await invoiceProgress(t.ctx, right.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 4_000n });
    expect(await invoiceProgress(t.ctx, wrong.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 4_000n });
    const ledger = await ledgerBalances(t.ctx);
    expect(ledger.balanced).toBe(true);
    expect(ledger.byCode).toEqual({ [cash]: 0n, [ar]: 0n, [credit]: 0n });
    expect((await rejection(chargebackPayment(t.ctx, { paymentId: payment.id }))).code).toBe('business_rule_violated');
  });

  it('two payments of one account at the same time both apply, neither overpays an invoice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const a = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, dueDate: '2026-01-10' });
    const b = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, dueDate: '2026-01-20' });
    const [first, second] = await Promise.all([
      recordPayment(t.ctx, { accountId, amount: eur(6_000n), receivedDate: '2026-02-10' }),
      recordPayment(t.ctx, { accountId, amount: eur(6_000n), receivedDate: '2026-02-10' }),
    ]);
    expect((first?.appliedMinor ?? 0n) + (second?.appliedMinor ?? 0n)).toBe(10_000n);
    expect((first?.unappliedMinor ?? 0n) + (second?.unappliedMinor ?? 0n)).toBe(2_000n);
    expect(await invoiceProgress(t.ctx, a.id)).toEqual({ status: 'paid', paidMinor: 5_000n, dueMinor: 0n });
    expect(await invoiceProgress(t.ctx, b.id)).toEqual({ status: 'paid', paidMinor: 5_000n, dueMinor: 0n });
    expect((await ledgerBalances(t.ctx)).byCode).toEqual({ [cash]: 12_000n, [ar]: -10_000n, [credit]: -2_000n });
  });
});
