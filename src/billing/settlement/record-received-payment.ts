import type { TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import type { Money } from '../../shared/money.ts';
import { auditNewPayment, auditPayment, insertPayment, updatePaymentRow } from '../payment-repo.ts';
import type { Payment } from '../payment-schema.ts';
import { billingDb } from '../billing-db.ts';
import { notFound } from '../../shared/errors.ts';
import type { PaymentMethod } from '../tables.ts';

export type ReceivedPaymentInput = {
  accountId: string;
  amount: Money;
  /** Calendar date the money arrived; stored as midnight UTC of that day. */
  receivedDate: string;
  method: PaymentMethod;
  reference: string | null;
};

/**
 * Writes a payment recorded in Revline (not imported: no source key) into billing's payments
 * table, unallocated, with its audit row. Cash application then allocates it through
 * applyToInvoice, in the same transaction.
 */
export async function recordReceivedPayment(tx: TxCtx, input: ReceivedPaymentInput): Promise<Payment> {
  const row = await insertPayment(tx, newId('pay', tx.clock.now().epochMilliseconds), {
    account_id: input.accountId,
    amount_minor: input.amount.amountMinor,
    currency: input.amount.currency,
    received_at: new Date(`${input.receivedDate}T00:00:00Z`),
    method: input.method,
    reference: input.reference,
    status: 'succeeded',
    source_system: null,
    external_id: null,
  });
  return auditNewPayment(tx, 'record', row);
}

/** A payment whose money went back in full (refunded or charged back) is marked 'refunded'. */
export async function markPaymentReturned(tx: TxCtx, paymentId: string): Promise<Payment> {
  const before = await billingDb(tx).selectFrom('payments').selectAll().where('id', '=', paymentId).forUpdate().executeTakeFirst();
  if (!before) throw notFound('payment', paymentId);
  const after = await updatePaymentRow(tx, before, { status: 'refunded' });
  return auditPayment(tx, 'returned', null, after);
}
