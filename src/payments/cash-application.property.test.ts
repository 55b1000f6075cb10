import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { findPayment } from '../billing/index.ts';
import { AppError } from '../shared/errors.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { listCustomerCredits } from './customer-credit.ts';
import { invoiceProgress, ledgerBalances, makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { getPaymentDetail } from './get-payment-detail.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

type Op =
  | { kind: 'pay'; amountMinor: bigint; auto: boolean }
  | { kind: 'apply'; payment: number }
  | { kind: 'unapply'; payment: number; part: number }
  | { kind: 'refund'; payment: number; part: number }
  | { kind: 'chargeback'; payment: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), amountMinor: fc.bigInt({ min: 1n, max: 9_000n }), auto: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('apply' as const), payment: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unapply' as const), payment: fc.nat(5), part: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(5), part: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('chargeback' as const), payment: fc.nat(5) }) },
);

/** Rule refusals are expected for random operations; anything else (a 500, a DB error) fails the property. */
async function tolerateRuleErrors(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'business_rule_violated') throw error;
  }
}

describe('cash application invariants (property)', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext({ start: '2026-03-01T09:00:00Z' }); });
  afterAll(async () => { await t.close(); });

  it('sum(applied) + unapplied credit = sum(payments) − refunds − chargebacks; no amount due below 0; ledger balances', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.bigInt({ min: 1n, max: 6_000n }), { minLength: 1, maxLength: 4 }),
      fc.array(opArb, { minLength: 1, maxLength: 8 }),
      async (invoiceTotals, ops) => {
        const accountId = await makeCustomer(t.ctx);
        const invoices = [];
        for (const [index, totalMinor] of invoiceTotals.entries()) {
          invoices.push(await makeIssuedInvoice(t.ctx, accountId, { totalMinor, dueDate: `2026-02-${String(10 + index).padStart(2, '0')}` }));
        }
        const payments: string[] = [];
        for (const op of ops) {
          const paymentId = 'payment' in op ? payments[op.payment % Math.max(payments.length, 1)] : undefined;
          if (op.kind === 'pay') {
            payments.push((await recordPayment(t.ctx, { accountId, amount: { amountMinor: op.amountMinor, currency: 'EUR' }, receivedDate: '2026-03-01', autoApply: op.auto })).id);
          } else if (paymentId === undefined) {
            continue;
          } else if (op.kind === 'apply') {
            await tolerateRuleErrors(applyPaymentCredit(t.ctx, { paymentId }));
          } else if (op.kind === 'unapply') {
            const allocation = (await findPayment(t.ctx, paymentId))?.allocations[0];
            if (allocation) await unapplyPayment(t.ctx, { paymentId, invoiceId: allocation.invoiceId, amountMinor: (allocation.amountMinor * BigInt(op.part) + 99n) / 100n });
          } else if (op.kind === 'refund') {
            const { unappliedMinor } = await getPaymentDetail(t.ctx, paymentId);
            if (unappliedMinor > 0n) await refundPayment(t.ctx, { paymentId, amountMinor: (unappliedMinor * BigInt(op.part) + 99n) / 100n });
          } else {
            await tolerateRuleErrors(chargebackPayment(t.ctx, { paymentId }));
          }
        }
        let received = 0n;
        let reversed = 0n;
        let applied = 0n;
        for (const id of payments) {
          const detail = await getPaymentDetail(t.ctx, id);
          received += detail.amountMinor;
          reversed += detail.reversals.reduce((sum, r) => sum + r.amountMinor, 0n);
          applied += detail.appliedMinor;
          expect(detail.unappliedMinor).toBeGreaterThanOrEqual(0n);
        }
        const credit = (await listCustomerCredits(t.ctx, { accountId })).reduce((sum, c) => sum + c.amountMinor, 0n);
        expect(applied + credit).toBe(received - reversed);
        let paidOnInvoices = 0n;
        for (const [index, invoice] of invoices.entries()) {
          const progress = await invoiceProgress(t.ctx, invoice.id);
          expect(progress.dueMinor).toBeGreaterThanOrEqual(0n);
          expect(progress.paidMinor + progress.dueMinor).toBe(invoiceTotals[index]);
          expect(progress.status).toBe(progress.dueMinor === 0n ? 'paid' : 'issued');
          paidOnInvoices += progress.paidMinor;
        }
        expect(paidOnInvoices).toBe(applied);
        const ledger = await ledgerBalances(t.ctx);
        expect(ledger.balanced).toBe(true);
        // The ledger's customer-credit account (credit-normal) holds exactly every account's unapplied credit.
        const allCredit = (await listCustomerCredits(t.ctx)).reduce((sum, c) => sum + c.amountMinor, 0n);
        expect(-(ledger.byCode['2200'] ?? 0n)).toBe(allCredit);
      },
    ), { numRuns: 12 });
  }, 600_000);
});
