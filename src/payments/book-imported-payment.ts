import { bookImportedPayment, type Payment } from '../billing/index.ts';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { CASH, CREDIT, postPaymentEntry } from './payment-entries.ts';
import { insertReceipt } from './receipt-repo.ts';

const OPENING = LEDGER_ACCOUNTS.openingBalanceEquity;

/**
 * Takes an imported payment onto Revline's books the first time Revline changes it
 * (docs/payments.md "Imported payments"). Imported history booked nothing in Revline's ledger, so
 * an opening entry brings in what the payment holds: Dr cash (amount) / Cr opening balance equity
 * (what it paid on invoices — revenue and receivable of the other system) / Cr customer credit
 * (what it left unapplied). Then it has a receipt like a recorded payment, and the refund,
 * chargeback, unapply and apply code posts on it unchanged. The caller holds the transaction.
 */
export async function takeImportedPaymentOnBooks(tx: TxCtx, paymentId: string, date: string): Promise<Payment> {
  const payment = await bookImportedPayment(tx, { paymentId, bookedDate: date });
  const appliedMinor = payment.allocations.reduce((total, allocation) => total + allocation.amountMinor, 0n);
  const entry = await postPaymentEntry(tx, {
    paymentId: payment.id, accountId: payment.accountId, currency: payment.currency, date,
    description: `Imported payment ${payment.id} (${payment.sourceSystem ?? 'import'} ${payment.externalId ?? ''}) taken onto the books`,
    postings: [
      { accountCode: CASH, side: 'debit', amountMinor: payment.amountMinor },
      { accountCode: OPENING, side: 'credit', amountMinor: appliedMinor },
      { accountCode: CREDIT, side: 'credit', amountMinor: payment.amountMinor - appliedMinor },
    ],
  });
  await insertReceipt(tx, {
    payment_id: payment.id, account_id: payment.accountId, currency: payment.currency, amount_minor: payment.amountMinor,
    received_date: payment.receivedAt.slice(0, 10), import_key: null, journal_entry_id: entry.id,
  });
  return payment;
}
