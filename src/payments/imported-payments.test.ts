import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { findPayment, upsertImportedInvoice, upsertImportedPayment, type ImportPaymentInput } from '../billing/index.ts';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { arAging } from './ar-aging.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { listCustomerCredits } from './customer-credit.ts';
import { getPaymentDetail } from './get-payment-detail.ts';
import { invoiceProgress, ledgerBalances, makeCustomer } from './fixtures.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

const { cash, accountsReceivable: ar, customerCredit: credit, openingBalanceEquity: opening } = LEDGER_ACCOUNTS;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function auditActions(ctx: Ctx, entityType: string, entityId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((row) => row.action);
}

/** A Stripe-style history: invoice in_1 (100.00, paid in Stripe on 03-05) and payment py_1 (120.00: 100.00 on in_1, 20.00 unapplied). */
async function importHistory(ctx: Ctx, accountId: string, overrides: Partial<ImportPaymentInput> = {}) {
  const invoice = await upsertImportedInvoice(ctx, {
    sourceSystem: 'stripe', externalId: 'in_1', accountId, number: 'ST-0001', currency: 'EUR', status: 'paid',
    issueDate: '2026-02-01', dueDate: '2026-03-01', subtotalMinor: 10_000n, paidAt: '2026-03-05T10:00:00Z',
  });
  const payment = await upsertImportedPayment(ctx, {
    sourceSystem: 'stripe', externalId: 'py_1', accountId, amountMinor: 12_000, currency: 'EUR', receivedAt: '2026-03-05T10:00:00Z',
    method: 'card', reference: 'ch_1', allocations: [{ invoiceExternalId: 'in_1', amountMinor: 10_000 }], ...overrides,
  });
  return { invoiceId: invoice.record.id, paymentId: payment.record.id };
}

describe('imported payments: refund and chargeback like recorded ones', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-04-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('charges back an imported payment: the invoice reopens, the opening entry and the chargeback post, AR ages from the chargeback date', async () => {
    const accountId = await makeCustomer(t.ctx);
    const { invoiceId, paymentId } = await importHistory(t.ctx, accountId);
    expect((await getPaymentDetail(t.ctx, paymentId)).unappliedMinor).toBe(0n); // not on the books yet: no credit

    const after = await chargebackPayment(t.ctx, { paymentId, date: '2026-04-10', reason: 'fraudulent' });
    expect(after).toMatchObject({ status: 'refunded', allocations: [], appliedMinor: 0n, unappliedMinor: 0n, receivedDate: '2026-03-05' });
    expect(after.reversals).toMatchObject([{ kind: 'chargeback', amountMinor: 12_000n, date: '2026-04-10', reason: 'fraudulent' }]);
    expect(after.journalEntryId).toMatch(/^je_/);
    expect(await invoiceProgress(t.ctx, invoiceId)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 10_000n });
    // Opening: Dr cash 120.00 / Cr opening equity 100.00 / Cr credit 20.00; chargeback: Dr AR 100.00 + Dr credit 20.00 / Cr cash 120.00.
    expect(await ledgerBalances(t.ctx)).toEqual({ balanced: true, byCode: { [cash]: 0n, [ar]: 10_000n, [credit]: 0n, [opening]: -10_000n } });
    expect(await auditActions(t.ctx, 'payment', paymentId)).toEqual(['import', 'book', 'chargeback', 'returned', 'chargeback']);
    expect(await auditActions(t.ctx, 'invoice', invoiceId)).toEqual(['import', 'settlement.chargeback']);

    // Aging keeps the history: paid on 03-05 (Stripe), due again from 04-10.
    expect((await arAging(t.ctx, { asOf: '2026-03-01' })).totals).toEqual([{ currency: 'EUR', buckets: { current: 10_000n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 10_000n }, unappliedCreditsMinor: 0n, netMinor: 10_000n }]);
    expect((await arAging(t.ctx, { asOf: '2026-04-09' })).totals).toEqual([]);
    expect((await arAging(t.ctx, { asOf: '2026-04-10' })).totals).toEqual([{ currency: 'EUR', buckets: { current: 0n, days1To30: 0n, days31To60: 10_000n, days61To90: 0n, over90: 0n, totalMinor: 10_000n }, unappliedCreditsMinor: 0n, netMinor: 10_000n }]);

    expect((await rejection(chargebackPayment(t.ctx, { paymentId }))).message).toMatch(/nothing left to charge back/);
    // Revline owns it now: the source may not flip it back.
    const reimport = await rejection(upsertImportedPayment(t.ctx, {
      sourceSystem: 'stripe', externalId: 'py_1', accountId, amountMinor: 12_000, currency: 'EUR', receivedAt: '2026-03-05T10:00:00Z',
      method: 'card', reference: 'ch_1', allocations: [{ invoiceExternalId: 'in_1', amountMinor: 10_000 }],
    }));
    expect(reimport).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'body' }] });
    expect(reimport.message).toMatch(/on Revline's books since 2026-04-10/);
  });

  it('refunds the unapplied part, then (after unapplying) the rest; a new payment pays the reopened invoice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const { invoiceId, paymentId } = await importHistory(t.ctx, accountId);
    const refunded = await refundPayment(t.ctx, { paymentId, date: '2026-04-10', reason: 'overpaid' });
    expect(refunded).toMatchObject({ status: 'succeeded', unappliedMinor: 0n, appliedMinor: 10_000n, reversals: [{ kind: 'refund', amountMinor: 2_000n }] });
    expect(await invoiceProgress(t.ctx, invoiceId)).toEqual({ status: 'paid', paidMinor: 10_000n, dueMinor: 0n });
    expect(await ledgerBalances(t.ctx)).toEqual({ balanced: true, byCode: { [cash]: 10_000n, [credit]: 0n, [opening]: -10_000n } });
    // An unchanged re-import is still a no-op after booking.
    const same = await upsertImportedPayment(t.ctx, {
      sourceSystem: 'stripe', externalId: 'py_1', accountId, amountMinor: 12_000, currency: 'EUR', receivedAt: '2026-03-05T10:00:00Z',
      method: 'card', reference: 'ch_1', allocations: [{ invoiceExternalId: 'in_1', amountMinor: 10_000 }],
    });
    expect(same.outcome).toBe('unchanged');

    const unapplied = await unapplyPayment(t.ctx, { paymentId, invoiceId, date: '2026-04-11', reason: 'wrong customer' });
    expect(unapplied).toMatchObject({ allocations: [], unappliedMinor: 10_000n });
    expect(await listCustomerCredits(t.ctx, { accountId })).toEqual([{ accountId, currency: 'EUR', amountMinor: 10_000n }]);
    const all = await refundPayment(t.ctx, { paymentId, date: '2026-04-11' });
    expect(all).toMatchObject({ status: 'refunded', unappliedMinor: 0n });
    expect(all.reversals.map((reversal) => reversal.amountMinor)).toEqual([2_000n, 10_000n]);
    expect(await ledgerBalances(t.ctx)).toEqual({ balanced: true, byCode: { [cash]: 0n, [ar]: 10_000n, [credit]: 0n, [opening]: -10_000n } });

    t.clock.set('2026-04-12T09:00:00Z'); // the day the money arrives: a payment is never dated after today
    await recordPayment(t.ctx, { accountId, amount: { amountMinor: 10_000n, currency: 'EUR' }, receivedDate: '2026-04-12', reference: 'ST-0001' });
    expect(await invoiceProgress(t.ctx, invoiceId)).toEqual({ status: 'paid', paidMinor: 10_000n, dueMinor: 0n });
    expect(await ledgerBalances(t.ctx)).toEqual({ balanced: true, byCode: { [cash]: 10_000n, [ar]: 0n, [credit]: 0n, [opening]: -10_000n } });
  });

  it('refuses what cannot be moved and leaves no trace', async () => {
    const accountId = await makeCustomer(t.ctx);
    const failed = await upsertImportedPayment(t.ctx, {
      sourceSystem: 'stripe', externalId: 'py_f', accountId, amountMinor: 500, currency: 'EUR', receivedAt: '2026-03-05T10:00:00Z', status: 'failed',
    });
    expect((await rejection(refundPayment(t.ctx, { paymentId: failed.record.id }))).message).toMatch(/imported as failed/);

    // The invoice was imported unpaid, yet the payment claims to have paid it: taking that back would make paid negative.
    const unpaid = await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'stripe', externalId: 'in_2', accountId, number: 'ST-0002', currency: 'EUR', issueDate: '2026-02-01', dueDate: '2026-03-01', subtotalMinor: 5_000n,
    });
    const claims = await upsertImportedPayment(t.ctx, {
      sourceSystem: 'stripe', externalId: 'py_2', accountId, amountMinor: 5_000, currency: 'EUR', receivedAt: '2026-03-05T10:00:00Z',
      allocations: [{ invoiceExternalId: 'in_2', amountMinor: 5_000 }],
    });
    const error = await rejection(chargebackPayment(t.ctx, { paymentId: claims.record.id }));
    expect(error).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: `invoices.${unpaid.record.id}` }] });
    expect(await invoiceProgress(t.ctx, unpaid.record.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 5_000n });
    expect(await findPayment(t.ctx, claims.record.id)).toMatchObject({ status: 'succeeded', version: 1 });
    expect(await ledgerBalances(t.ctx)).toEqual({ balanced: true, byCode: {} });
  });
});
