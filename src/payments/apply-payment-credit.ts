import { inTransaction, type Ctx } from '../shared/context.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { applyAllocations, checkExplicitAllocations, planFor, ruleError } from './apply-allocations.ts';
import { getPaymentDetail, lockRecordedPayment } from './get-payment-detail.ts';
import { assertOnOrAfterReceived } from './operation-dates.ts';
import { CREDIT, postPaymentEntry, RECEIVABLE } from './payment-entries.ts';
import { auditApplication } from './receipt-repo.ts';
import { publishApplied } from './record-payment.ts';
import { applyPaymentBodySchema, type ApplyPaymentInput, type PaymentDetail } from './schema.ts';
import { todayOf } from './today.ts';

/**
 * Applies a payment's unapplied credit to invoices — explicitly, or oldest open first — e.g. to a
 * new invoice after an overpayment. Books Dr customer credit / Cr AR for the amount applied.
 */
export async function applyPaymentCredit(ctx: Ctx, input: ApplyPaymentInput): Promise<PaymentDetail> {
  const { paymentId, ...body } = input;
  const parsed = parseInput(applyPaymentBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRecordedPayment(tx, paymentId, date);
    assertOnOrAfterReceived(before, date);
    if (before.unappliedMinor <= 0n) throw ruleError('paymentId', `payment ${before.id} has no unapplied credit`);
    const source = { paymentId: before.id, accountId: before.accountId, currency: before.currency, reference: before.reference };
    const allocations = parsed.allocations
      ? await checkExplicitAllocations(tx, source, parsed.allocations, before.unappliedMinor, date)
      : await planFor(tx, source, before.unappliedMinor, false, date);
    const appliedMinor = await applyAllocations(tx, source, allocations, date);
    if (appliedMinor === 0n) return before;
    await postPaymentEntry(tx, {
      paymentId: before.id, accountId: before.accountId, currency: before.currency, date,
      description: `Credit of payment ${before.id} applied to invoices`,
      postings: [{ accountCode: CREDIT, side: 'debit', amountMinor: appliedMinor }, { accountCode: RECEIVABLE, side: 'credit', amountMinor: appliedMinor }],
    });
    const after = await getPaymentDetail(tx, before.id);
    await auditApplication(tx, 'apply', before.id, before.allocations, after.allocations);
    await publishApplied(tx, after);
    return after;
  });
}
