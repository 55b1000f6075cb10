import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeCustomer, makeIssuedInvoice } from '../fixtures.ts';
import { recordPayment } from '../record-payment.ts';
import { addPaymentPromise } from './collections.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

// A promise to pay pauses dunning until its date: one already in the past, for an invoice that is
// settled, or in another currency than the invoice would record something that cannot be kept.
describe('promises to pay', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext({ start: '2026-03-10T09:00:00Z' }); });
  afterAll(() => t.close());

  it('refuses a date in the past, a paid invoice and another currency; takes a valid one', async () => {
    const accountId = await makeCustomer(t.ctx);
    const open = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, issueDate: '2026-02-01', dueDate: '2026-03-01' });
    const paid = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, issueDate: '2026-02-01', dueDate: '2026-02-15', number: 'INV-PAID-1' });
    await recordPayment(t.ctx, { accountId, amount: { amountMinor: 5_000n, currency: 'EUR' }, receivedDate: '2026-03-01', reference: 'INV-PAID-1' });
    const eur = (amountMinor: bigint) => ({ amountMinor, currency: 'EUR' });
    expect((await rejection(addPaymentPromise(t.ctx, { accountId, invoiceId: open.id, promisedDate: '2026-03-09', amount: eur(10_000n) }))).fieldErrors)
      .toEqual([{ field: 'body.promisedDate', message: expect.stringContaining('2026-03-10') }]);
    expect((await rejection(addPaymentPromise(t.ctx, { accountId, invoiceId: paid.id, promisedDate: '2026-03-20', amount: eur(5_000n) }))).fieldErrors)
      .toEqual([{ field: 'body.invoiceId', message: expect.stringContaining('paid') }]);
    expect((await rejection(addPaymentPromise(t.ctx, { accountId, invoiceId: open.id, promisedDate: '2026-03-20', amount: { amountMinor: 10_000n, currency: 'USD' } }))).fieldErrors)
      .toEqual([{ field: 'body.amount.currency', message: expect.stringContaining('EUR') }]);
    await expect(addPaymentPromise(t.ctx, { accountId, invoiceId: open.id, promisedDate: '2026-03-10', amount: eur(10_000n) })).resolves.toMatchObject({ promisedDate: '2026-03-10' });
  });
});
