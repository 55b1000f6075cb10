import { recordReceivedPayment, type PaymentAllocation } from '../billing/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { publishEvent, publishEvents, type NewEvent } from '../shared/events/index.ts';
import { money } from '../shared/money.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findAccount } from '../crm/index.ts';
import { assert, notFound } from '../shared/errors.ts';
import { applyAllocations, checkExplicitAllocations, planFor, type PaymentSource } from './apply-allocations.ts';
import type { Allocation } from './plan-application.ts';
import { detailOf } from './get-payment-detail.ts';
import { CASH, CREDIT, postPaymentEntry, RECEIVABLE } from './payment-entries.ts';
import { assertNotAfterToday } from './operation-dates.ts';
import { insertReceipt } from './receipt-repo.ts';
import { recordPaymentSchema, type PaymentDetail, type RecordPaymentInput } from './schema.ts';

/**
 * Records money received from a customer and applies it (docs/payments.md): explicit allocations,
 * else the invoices named in the reference, else the oldest open invoices; what is left is
 * customer credit. One journal entry: Dr cash (amount) / Cr AR (applied) / Cr customer credit
 * (unapplied). The payment, its applications, the entry and the events commit together. Dated
 * today or earlier (docs/payments.md "Dates").
 */
export async function recordPayment(ctx: Ctx, input: RecordPaymentInput, options: { importKey?: string } = {}): Promise<PaymentDetail> {
  const parsed = parseInput(recordPaymentSchema, input);
  assertNotAfterToday(ctx, parsed.receivedDate, 'body.receivedDate');
  return inTransaction(ctx, async (tx) => {
    const account = await findAccount(tx, parsed.accountId);
    if (!account) throw notFound('account', parsed.accountId);
    const amount = money(parsed.amount.amountMinor, parsed.amount.currency);
    const payment = await recordReceivedPayment(tx, {
      accountId: parsed.accountId, amount, receivedDate: parsed.receivedDate, method: parsed.method, reference: parsed.reference,
    });
    const source: PaymentSource = { paymentId: payment.id, accountId: payment.accountId, currency: payment.currency, reference: payment.reference };
    const allocations = parsed.allocations
      ? await checkExplicitAllocations(tx, source, parsed.allocations, amount.amountMinor, parsed.receivedDate)
      : parsed.autoApply ? await planFor(tx, source, amount.amountMinor, true, parsed.receivedDate) : [];
    const appliedMinor = await applyAllocations(tx, source, allocations, parsed.receivedDate);
    const entry = await postPaymentEntry(tx, {
      paymentId: payment.id, accountId: payment.accountId, currency: payment.currency, date: parsed.receivedDate,
      description: `Payment ${payment.id} received${payment.reference ? ` (${payment.reference})` : ''}`,
      postings: [
        { accountCode: CASH, side: 'debit', amountMinor: amount.amountMinor },
        { accountCode: RECEIVABLE, side: 'credit', amountMinor: appliedMinor },
        { accountCode: CREDIT, side: 'credit', amountMinor: amount.amountMinor - appliedMinor },
      ],
    });
    const receipt = await insertReceipt(tx, {
      payment_id: payment.id, account_id: payment.accountId, currency: payment.currency, amount_minor: amount.amountMinor,
      received_date: parsed.receivedDate, import_key: options.importKey ?? null, journal_entry_id: entry.id,
    });
    // What getPaymentDetail would read, without reading it back: the payment as inserted (cash
    // application writes only its allocations), the allocations just made (each to a different
    // invoice, in the id order loadAllocations gives), the receipt just written, and no reversals
    // (nothing can refund a payment before it exists).
    const detail = detailOf({ ...payment, allocations: allocationsMade(allocations) }, receipt, []);
    await publishReceived(tx, detail);
    return detail;
  });
}

/** The allocations of a new payment after applyAllocations: one per invoice (checked), by invoice id. */
function allocationsMade(allocations: readonly Allocation[]): PaymentAllocation[] {
  const invoiceIds = new Set(allocations.map((allocation) => allocation.invoiceId));
  assert(invoiceIds.size === allocations.length, 'a payment was applied twice to one invoice');
  return allocations.map((allocation) => ({ invoiceId: allocation.invoiceId, amountMinor: allocation.amountMinor }))
    .sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
}

/** payment.received, and payment.applied when it paid invoices: one write per outbox table for both. */
async function publishReceived(tx: TxCtx, detail: PaymentDetail): Promise<void> {
  const received: NewEvent = {
    type: 'payment.received', aggregateType: 'payment', aggregateId: detail.id,
    payload: {
      paymentId: detail.id, accountId: detail.accountId, currency: detail.currency, amountMinor: detail.amountMinor.toString(),
      receivedDate: detail.receivedDate, appliedMinor: detail.appliedMinor.toString(), unappliedMinor: detail.unappliedMinor.toString(),
    },
  };
  await publishEvents(tx, detail.allocations.length > 0 ? [received, appliedEvent(detail)] : [received]);
}

export async function publishApplied(tx: TxCtx, detail: PaymentDetail): Promise<void> {
  await publishEvent(tx, appliedEvent(detail));
}

function appliedEvent(detail: PaymentDetail): NewEvent {
  return {
    type: 'payment.applied', aggregateType: 'payment', aggregateId: detail.id,
    payload: {
      paymentId: detail.id, accountId: detail.accountId, currency: detail.currency,
      allocations: detail.allocations.map((allocation) => ({ invoiceId: allocation.invoiceId, amountMinor: allocation.amountMinor.toString() })),
      unappliedMinor: detail.unappliedMinor.toString(),
    },
  };
}
