import type { TxCtx } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { Money } from '../../shared/money.ts';
import { billingDb } from '../billing-db.ts';
import { auditInvoiceProgress, loadInvoiceDetail, updateInvoiceProgress } from '../invoice-repo.ts';
import type { InvoiceDetail } from '../invoice-schema.ts';
import { insertSettlement, shiftAllocation } from './settlement-repo.ts';
import type { SettlementSourceType } from './settlement-tables.ts';

export type ApplyToInvoiceInput = {
  invoiceId: string;
  amount: Money;
  source: { type: SettlementSourceType; id: string };
  /** The calendar date the money counts as received against the invoice (AR aging as of a date). */
  effectiveDate: string;
};

/**
 * Pays part or all of an issued invoice from a payment or a credit note, in the caller's
 * transaction (which also books the ledger entry). Under the invoice's row lock: the invoice is
 * issued (not draft, paid or void), in the same currency, and the amount is at most what is due —
 * so no invoice's amount due goes below zero. At zero the invoice becomes paid.
 */
export async function applyToInvoice(tx: TxCtx, input: ApplyToInvoiceInput): Promise<InvoiceDetail> {
  const before = await billingDb(tx).selectFrom('invoices').selectAll().where('id', '=', input.invoiceId).forUpdate().executeTakeFirst();
  if (!before) throw notFound('invoice', input.invoiceId);
  const field = `invoices.${input.invoiceId}`;
  if (before.status !== 'issued') throw settlementError(field, `invoice ${before.number ?? before.id} is ${before.status}, only an issued invoice can be paid`);
  if (before.currency !== input.amount.currency) throw settlementError(field, `invoice ${before.number ?? before.id} is in ${before.currency}, not ${input.amount.currency}`);
  if (input.amount.amountMinor <= 0n) throw settlementError(field, 'the amount to apply must be positive');
  // Money cannot settle an invoice before it exists: the entry would credit AR before the
  // invoice debited it, leaving AR negative in every report as of the days between.
  if (before.issue_date !== null && input.effectiveDate < before.issue_date) {
    throw settlementError(field, `invoice ${before.number ?? before.id} was issued ${before.issue_date}, after ${input.effectiveDate}`);
  }
  if (input.amount.amountMinor > before.amount_due_minor) {
    throw settlementError(field, `invoice ${before.number ?? before.id} has ${before.amount_due_minor} due, less than ${input.amount.amountMinor}`);
  }
  const beforeDetail = await loadInvoiceDetail(tx, before);
  const amountDueMinor = before.amount_due_minor - input.amount.amountMinor;
  const after = await updateInvoiceProgress(tx, before, {
    amount_paid_minor: before.amount_paid_minor + input.amount.amountMinor,
    amount_due_minor: amountDueMinor,
    status: amountDueMinor === 0n ? 'paid' : 'issued',
    paid_at: amountDueMinor === 0n ? new Date(tx.clock.now().epochMilliseconds) : null,
  });
  await insertSettlement(tx, {
    invoiceId: before.id, currency: before.currency, sourceType: input.source.type, sourceId: input.source.id,
    reason: 'apply', amountMinor: input.amount.amountMinor, effectiveDate: input.effectiveDate,
  });
  if (input.source.type === 'payment') await shiftAllocation(tx, input.source.id, before.id, before.currency, input.amount.amountMinor);
  return auditInvoiceProgress(tx, 'settlement.apply', beforeDetail, after);
}

export function settlementError(field: string, message: string): AppError {
  return new AppError('business_rule_violated', message, { fieldErrors: [{ field, message }] });
}
