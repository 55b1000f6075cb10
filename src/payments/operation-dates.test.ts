import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { invoiceProgress, ledgerBalances, makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

const eur = (amountMinor: bigint) => ({ amountMinor, currency: 'EUR' });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

// Money cannot be refunded, charged back or moved before it arrived, nor pay an invoice that did not
// exist yet: each such entry would leave cash, AR or customer credit negative in the ledger as of
// the days between (a trial balance that "balances" but shows impossible balances).
describe('dates of payment operations', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-03-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('keeps a payment received before an invoice was issued as credit instead of paying that invoice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const later = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const early = await recordPayment(t.ctx, { accountId, amount: eur(4_000n), receivedDate: '2026-02-20', reference: `for ${later.number}` });
    expect(early).toMatchObject({ allocations: [], unappliedMinor: 4_000n });
    expect(await invoiceProgress(t.ctx, later.id)).toMatchObject({ dueMinor: 10_000n });
    const explicit = await rejection(recordPayment(t.ctx, { accountId, amount: eur(4_000n), receivedDate: '2026-02-20', allocations: [{ invoiceId: later.id, amountMinor: 4_000n }] }));
    expect(explicit.fieldErrors).toEqual([{ field: 'body.allocations.0.invoiceId', message: expect.stringContaining('issued 2026-03-01') }]);
    // Applied on or after the issue date, it pays the invoice.
    const applied = await applyPaymentCredit(t.ctx, { paymentId: early.id, date: '2026-03-01' });
    expect(applied).toMatchObject({ appliedMinor: 4_000n, unappliedMinor: 0n });
    const tooEarly = await rejection(applyPaymentCredit(t.ctx, { paymentId: (await recordPayment(t.ctx, { accountId, amount: eur(1_000n), receivedDate: '2026-02-21', autoApply: false })).id, date: '2026-02-25', allocations: [{ invoiceId: later.id, amountMinor: 1_000n }] }));
    expect(tooEarly.fieldErrors[0]?.field).toBe('body.allocations.0.invoiceId');
  });

  it('refuses refunds, unapplications, applications and chargebacks dated before the money arrived', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, issueDate: '2026-02-01', dueDate: '2026-03-03' });
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(15_000n), receivedDate: '2026-03-05' });
    expect(payment).toMatchObject({ appliedMinor: 10_000n, unappliedMinor: 5_000n });
    // One at a time (each started only when the last is refused): on PostgreSQL's pool, started
    // together, they would run concurrently and reject before anything awaited them.
    for (const operation of [
      () => refundPayment(t.ctx, { paymentId: payment.id, amountMinor: 100n, date: '2026-03-04' }),
      () => unapplyPayment(t.ctx, { paymentId: payment.id, invoiceId: invoice.id, date: '2026-02-15' }),
      () => applyPaymentCredit(t.ctx, { paymentId: payment.id, date: '2026-03-01' }),
      () => chargebackPayment(t.ctx, { paymentId: payment.id, date: '2026-01-01' }),
    ]) {
      const error = await rejection(operation());
      expect(error).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'body.date', message: expect.stringContaining('2026-03-05') }] });
    }
    // Nothing of the refused operations reached the books; on the received date itself all is allowed.
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBe(15_000n);
    await expect(refundPayment(t.ctx, { paymentId: payment.id, amountMinor: 100n, date: '2026-03-05' })).resolves.toMatchObject({ unappliedMinor: 4_900n });
  });

  it('refuses to take money off an invoice before the day it was applied', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, issueDate: '2026-02-01', dueDate: '2026-03-03' });
    const payment = await recordPayment(t.ctx, { accountId, amount: eur(10_000n), receivedDate: '2026-03-01', autoApply: false });
    await applyPaymentCredit(t.ctx, { paymentId: payment.id, date: '2026-03-08' });
    const error = await rejection(unapplyPayment(t.ctx, { paymentId: payment.id, invoiceId: invoice.id, date: '2026-03-05' }));
    expect(error.fieldErrors).toEqual([{ field: 'body.date', message: expect.stringContaining('applied on 2026-03-08') }]);
    const chargeback = await rejection(chargebackPayment(t.ctx, { paymentId: payment.id, date: '2026-03-02' }));
    expect(chargeback.fieldErrors[0]?.field).toBe('body.date');
    await expect(chargebackPayment(t.ctx, { paymentId: payment.id, date: '2026-03-09' })).resolves.toMatchObject({ status: 'refunded' });
  });
});
