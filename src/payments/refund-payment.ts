import { markPaymentReturned } from '../billing/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ruleError } from './apply-allocations.ts';
import { getPaymentDetail, lockRecordedPayment } from './get-payment-detail.ts';
import { assertOnOrAfterReceived } from './operation-dates.ts';
import { CASH, CREDIT, postPaymentEntry } from './payment-entries.ts';
import { insertReversal } from './receipt-repo.ts';
import { refundPaymentBodySchema, type PaymentDetail, type RefundPaymentInput } from './schema.ts';
import { todayOf } from './today.ts';

/**
 * Pays customer credit back (Dr customer credit / Cr cash). Only unapplied credit can be
 * refunded: money that pays an invoice must be unapplied first, so an invoice never silently
 * reopens. A payment refunded in full is marked 'refunded'.
 */
export async function refundPayment(ctx: Ctx, input: RefundPaymentInput): Promise<PaymentDetail> {
  const { paymentId, ...body } = input;
  const parsed = parseInput(refundPaymentBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRecordedPayment(tx, paymentId, date);
    assertOnOrAfterReceived(before, date);
    const amountMinor = parsed.amountMinor ?? before.unappliedMinor;
    if (amountMinor <= 0n || amountMinor > before.unappliedMinor) {
      throw ruleError('body.amountMinor', `payment ${before.id} has ${before.unappliedMinor} unapplied credit; unapply it from invoices before refunding more`);
    }
    const entry = await postPaymentEntry(tx, {
      paymentId: before.id, accountId: before.accountId, currency: before.currency, date,
      description: `Refund of payment ${before.id}`,
      postings: [{ accountCode: CREDIT, side: 'debit', amountMinor }, { accountCode: CASH, side: 'credit', amountMinor }],
    });
    await insertReversal(tx, { paymentId: before.id, kind: 'refund', currency: before.currency, amountMinor, date, reason: parsed.reason, journalEntryId: entry.id });
    const refundedMinor = before.reversals.reduce((total, reversal) => total + reversal.amountMinor, 0n) + amountMinor;
    if (refundedMinor === before.amountMinor) await markPaymentReturned(tx, before.id);
    return getPaymentDetail(tx, before.id);
  });
}
