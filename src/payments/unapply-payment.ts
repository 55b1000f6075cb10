import { unapplyFromInvoice } from '../billing/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { money } from '../shared/money.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ruleError } from './apply-allocations.ts';
import { getPaymentDetail, lockRecordedPayment } from './get-payment-detail.ts';
import { assertNotBeforeApplied, assertOnOrAfterReceived } from './operation-dates.ts';
import { CREDIT, postPaymentEntry, RECEIVABLE } from './payment-entries.ts';
import { auditApplication } from './receipt-repo.ts';
import { unapplyPaymentBodySchema, type PaymentDetail, type UnapplyPaymentInput } from './schema.ts';
import { todayOf } from './today.ts';

/**
 * Takes (part of) a payment off an invoice: the invoice reopens, the money becomes customer
 * credit again (Dr AR / Cr customer credit), and the move is audited with the reason, so a
 * mis-applied payment can be reapplied to the right invoice.
 */
export async function unapplyPayment(ctx: Ctx, input: UnapplyPaymentInput): Promise<PaymentDetail> {
  const { paymentId, ...body } = input;
  const parsed = parseInput(unapplyPaymentBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRecordedPayment(tx, paymentId, date);
    assertOnOrAfterReceived(before, date);
    const allocation = before.allocations.find((candidate) => candidate.invoiceId === parsed.invoiceId);
    if (!allocation) throw ruleError('body.invoiceId', `payment ${before.id} pays nothing on invoice ${parsed.invoiceId}`);
    const amountMinor = parsed.amountMinor ?? allocation.amountMinor;
    if (amountMinor > allocation.amountMinor) throw ruleError('body.amountMinor', `payment ${before.id} paid only ${allocation.amountMinor} on this invoice`);
    await assertNotBeforeApplied(tx, before, parsed.invoiceId, date);
    await unapplyFromInvoice(tx, {
      invoiceId: parsed.invoiceId, amount: money(amountMinor, before.currency), source: { type: 'payment', id: before.id }, effectiveDate: date, reason: 'unapply',
    });
    await postPaymentEntry(tx, {
      paymentId: before.id, accountId: before.accountId, currency: before.currency, date,
      description: `Payment ${before.id} unapplied from invoice ${parsed.invoiceId}`,
      postings: [{ accountCode: RECEIVABLE, side: 'debit', amountMinor }, { accountCode: CREDIT, side: 'credit', amountMinor }],
    });
    const after = await getPaymentDetail(tx, before.id);
    await auditApplication(tx, 'unapply', before.id, { allocations: before.allocations }, { allocations: after.allocations, reason: parsed.reason });
    return after;
  });
}
