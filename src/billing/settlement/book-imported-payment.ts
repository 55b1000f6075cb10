import { recordAudit } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { assert, notFound } from '../../shared/errors.ts';
import { billingDb, nowOf } from '../billing-db.ts';
import { loadAllocations, toPayment } from '../payment-repo.ts';
import type { Payment } from '../payment-schema.ts';
import { settlementError } from './apply-to-invoice.ts';
import { insertSettlement } from './settlement-repo.ts';
import { settlementDb } from './settlement-tables.ts';

export type BookImportedPaymentInput = { paymentId: string; bookedDate: string };

/**
 * Takes an imported payment onto Revline's books (docs/payments.md "Imported payments"), so it can
 * be unapplied, refunded or charged back like a recorded one. Its allocations were paid in the
 * other system and show only in each invoice's imported amount paid; each becomes an 'apply' row of
 * the settlement history, effective on the payment's received date (AR aging as of earlier dates
 * is unchanged). Why the check: an allocation must be covered by paid progress no other Revline
 * source accounts for, else taking it back would push the invoice's amount paid below zero.
 * At most once (booked_date); from then on a re-import may not change the payment.
 */
export async function bookImportedPayment(tx: TxCtx, input: BookImportedPaymentInput): Promise<Payment> {
  const before = await billingDb(tx).selectFrom('payments').selectAll().where('id', '=', input.paymentId).forUpdate().executeTakeFirst();
  if (!before) throw notFound('payment', input.paymentId);
  assert(before.source_system !== null, `payment ${before.id} was recorded in Revline and is on the books already`);
  const allocations = (await loadAllocations(tx, [before.id])).get(before.id) ?? [];
  if (before.booked_date !== null) return toPayment(before, allocations);
  if (before.status !== 'succeeded') {
    throw settlementError('paymentId', `payment ${before.id} was imported as ${before.status}; there is no money of it left to move`);
  }
  const receivedDate = before.received_at.toISOString().slice(0, 10);
  for (const allocation of allocations) {
    const untracked = await untrackedPaidMinor(tx, allocation.invoiceId);
    if (allocation.amountMinor > untracked) {
      throw settlementError(`invoices.${allocation.invoiceId}`, `payment ${before.id} paid ${allocation.amountMinor} on invoice ${allocation.invoiceId}, but the invoice shows only ${untracked} paid that no Revline payment or credit note accounts for; re-import the invoice first`);
    }
    await insertSettlement(tx, {
      invoiceId: allocation.invoiceId, currency: before.currency, sourceType: 'payment', sourceId: before.id,
      reason: 'apply', amountMinor: allocation.amountMinor, effectiveDate: receivedDate,
    });
  }
  const after = await billingDb(tx).updateTable('payments')
    .set({ booked_date: input.bookedDate, updated_at: nowOf(tx), version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  assert(after, `payment ${before.id} changed under a row lock`);
  const payment = toPayment(after, allocations);
  await recordAudit(tx, {
    action: 'book', entityType: 'payment', entityId: before.id,
    before: { bookedDate: null }, after: { bookedDate: input.bookedDate, openingSettlements: allocations, receivedDate },
  });
  return payment;
}

/** An invoice's amount paid that its settlement history does not explain (paid in the source system); under its row lock. */
async function untrackedPaidMinor(tx: TxCtx, invoiceId: string): Promise<bigint> {
  const invoice = await billingDb(tx).selectFrom('invoices').select(['amount_paid_minor']).where('id', '=', invoiceId).forUpdate().executeTakeFirstOrThrow();
  const settled = await settlementDb(tx).selectFrom('invoice_settlements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_minor'), eb.val('0')).as('total'))
    .where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
  return invoice.amount_paid_minor - BigInt(settled.total);
}
