import { markPaymentReturned, unapplyFromInvoice } from '../billing/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { money } from '../shared/money.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ruleError } from './apply-allocations.ts';
import { getPaymentDetail, lockRecordedPayment } from './get-payment-detail.ts';
import { assertNotBeforeApplied, assertOnOrAfterReceived } from './operation-dates.ts';
import { CASH, CREDIT, postPaymentEntry, RECEIVABLE } from './payment-entries.ts';
import { auditApplication, insertReversal } from './receipt-repo.ts';
import { chargebackBodySchema, type ChargebackInput, type PaymentDetail } from './schema.ts';
import { todayOf } from './today.ts';

/**
 * The bank or card processor took the payment back. Every invoice it paid reopens (settlement
 * reason 'chargeback'), its remaining credit disappears, and one entry reverses what is still on
 * the books: Dr AR (what it paid on invoices) + Dr customer credit (what was unapplied) / Cr cash
 * (the money still held, i.e. amount − refunds). At most once per payment.
 */
export async function chargebackPayment(ctx: Ctx, input: ChargebackInput): Promise<PaymentDetail> {
  const { paymentId, ...body } = input;
  const parsed = parseInput(chargebackBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRecordedPayment(tx, paymentId, date);
    assertOnOrAfterReceived(before, date);
    if (before.status !== 'succeeded') throw ruleError('paymentId', `payment ${before.id} is ${before.status}; there is nothing left to charge back`);
    for (const allocation of before.allocations) await assertNotBeforeApplied(tx, before, allocation.invoiceId, date);
    for (const allocation of before.allocations) {
      await unapplyFromInvoice(tx, {
        invoiceId: allocation.invoiceId, amount: money(allocation.amountMinor, before.currency), source: { type: 'payment', id: before.id },
        effectiveDate: date, reason: 'chargeback',
      });
    }
    const heldMinor = before.appliedMinor + before.unappliedMinor;
    const entry = await postPaymentEntry(tx, {
      paymentId: before.id, accountId: before.accountId, currency: before.currency, date,
      description: `Chargeback of payment ${before.id}`,
      postings: [
        { accountCode: RECEIVABLE, side: 'debit', amountMinor: before.appliedMinor },
        { accountCode: CREDIT, side: 'debit', amountMinor: before.unappliedMinor },
        { accountCode: CASH, side: 'credit', amountMinor: heldMinor },
      ],
    });
    await insertReversal(tx, { paymentId: before.id, kind: 'chargeback', currency: before.currency, amountMinor: heldMinor, date, reason: parsed.reason, journalEntryId: entry.id });
    await markPaymentReturned(tx, before.id);
    const after = await getPaymentDetail(tx, before.id);
    await auditApplication(tx, 'chargeback', before.id, { allocations: before.allocations }, { allocations: after.allocations, reason: parsed.reason });
    return after;
  });
}
