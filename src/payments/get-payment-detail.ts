import { findPayment, type Payment } from '../billing/index.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert, notFound } from '../shared/errors.ts';
import { takeImportedPaymentOnBooks } from './book-imported-payment.ts';
import { findReceipt, loadReversals, lockReceipt } from './receipt-repo.ts';
import type { PaymentDetail, Reversal } from './schema.ts';
import type { ReceiptRow } from './tables.ts';

/** A payment with what it paid, what is left as credit, and its refunds and chargeback. */
export async function getPaymentDetail(ctx: Ctx, paymentId: string): Promise<PaymentDetail> {
  const payment = await findPayment(ctx, paymentId);
  if (!payment) throw notFound('payment', paymentId);
  return toDetail(ctx, payment);
}

export async function toDetail(ctx: Ctx, payment: Payment): Promise<PaymentDetail> {
  const receipt = await findReceipt(ctx, payment.id);
  const reversals = receipt ? await loadReversals(ctx, payment.id) : [];
  return detailOf(payment, receipt, reversals);
}

/** The detail from rows the caller already holds (recordPayment: the receipt it just wrote, no reversals yet). */
export function detailOf(payment: Payment, receipt: ReceiptRow | undefined, reversals: Reversal[]): PaymentDetail {
  const appliedMinor = payment.allocations.reduce((total, allocation) => total + allocation.amountMinor, 0n);
  const reversedMinor = reversals.reduce((total, reversal) => total + reversal.amountMinor, 0n);
  return {
    ...payment,
    receivedDate: receipt?.received_date ?? payment.receivedAt.slice(0, 10),
    appliedMinor,
    // An imported payment not yet on the books is history, not a source of credit (it booked nothing in the ledger).
    unappliedMinor: receipt && payment.status === 'succeeded' ? payment.amountMinor - appliedMinor - reversedMinor : 0n,
    reversals,
    journalEntryId: receipt?.journal_entry_id ?? null,
  };
}

/**
 * The payment under its receipt's row lock — every change to a payment's application takes it
 * first, so two never interleave. A payment imported from another billing system has no receipt
 * yet: it is taken onto the books on `date` first (takeImportedPaymentOnBooks), then changes like
 * a recorded one.
 */
export async function lockRecordedPayment(tx: TxCtx, paymentId: string, date: string): Promise<PaymentDetail> {
  const receipt = await lockReceipt(tx, paymentId);
  const payment = await findPayment(tx, paymentId, { lock: true });
  if (!payment) throw notFound('payment', paymentId);
  if (receipt) return toDetail(tx, payment);
  assert(payment.sourceSystem !== null, `payment ${paymentId} was recorded in Revline without a receipt`);
  await takeImportedPaymentOnBooks(tx, paymentId, date);
  const booked = await findPayment(tx, paymentId);
  assert(booked, `payment ${paymentId} vanished under its row lock`);
  return toDetail(tx, booked);
}
