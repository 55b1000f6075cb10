import { applyToInvoice, findOpenInvoices, getInvoice } from '../billing/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { money } from '../shared/money.ts';
import { fillOldestFirst, invoiceNumbersIn, planAutomaticApplication, type Allocation } from './plan-application.ts';

export type PaymentSource = { paymentId: string; accountId: string; currency: string; reference: string | null };

/**
 * Explicit allocations, checked: each invoice once, of the payment's account, together at most the
 * money available (applyToInvoice checks currency, status and amount due under the invoice lock).
 */
export async function checkExplicitAllocations(tx: TxCtx, source: PaymentSource, allocations: readonly Allocation[], availableMinor: bigint, date: string): Promise<Allocation[]> {
  const seen = new Set<string>();
  let total = 0n;
  for (const [index, allocation] of allocations.entries()) {
    const field = `body.allocations.${index}.invoiceId`;
    if (seen.has(allocation.invoiceId)) throw ruleError(field, 'appears more than once');
    seen.add(allocation.invoiceId);
    const invoice = await getInvoice(tx, allocation.invoiceId);
    const name = `invoice ${invoice.number ?? invoice.id}`;
    if (invoice.accountId !== source.accountId) throw ruleError(field, `${name} belongs to another account`);
    if (invoice.status !== 'issued') throw ruleError(field, `${name} is ${invoice.status}; only an issued invoice can be paid`);
    if (invoice.currency !== source.currency) throw ruleError(field, `${name} is in ${invoice.currency}, the payment in ${source.currency}`);
    if (invoice.issueDate !== null && invoice.issueDate > date) throw ruleError(field, `${name} was issued ${invoice.issueDate}, after ${date}: apply the credit on or after that day`);
    if (allocation.amountMinor > invoice.amountDueMinor) throw ruleError(`body.allocations.${index}.amountMinor`, `${name} has only ${invoice.amountDueMinor} due`);
    total += allocation.amountMinor;
  }
  if (total > availableMinor) throw ruleError('body.allocations', `allocations add up to ${total}, more than the ${availableMinor} available`);
  return [...allocations];
}

/**
 * Reference first, else oldest open invoice first (same account, same currency), among the invoices
 * issued by `date`: money cannot pay an invoice before it exists, so it stays credit until then.
 */
export async function planFor(tx: TxCtx, source: PaymentSource, availableMinor: bigint, useReference: boolean, date: string): Promise<Allocation[]> {
  // Locked: a concurrent payment of the same account waits here and then plans on what is left.
  const open = (await findOpenInvoices(tx, source.accountId, source.currency, { lock: true }))
    .filter((invoice) => invoice.issueDate === null || invoice.issueDate <= date);
  if (!useReference) return fillOldestFirst(availableMinor, open);
  // The referenced invoices that can take this payment are among the open ones just read (same
  // account and currency, issued, something due), so they are picked from those, oldest first.
  const numbers = new Set(invoiceNumbersIn(source.reference));
  const referenced = open.filter((invoice) => invoice.number !== null && numbers.has(invoice.number));
  return planAutomaticApplication(availableMinor, referenced, open);
}

/** Applies each allocation to its invoice; returns the total applied. */
export async function applyAllocations(tx: TxCtx, source: PaymentSource, allocations: readonly Allocation[], date: string): Promise<bigint> {
  let applied = 0n;
  for (const allocation of allocations) {
    await applyToInvoice(tx, {
      invoiceId: allocation.invoiceId,
      amount: money(allocation.amountMinor, source.currency),
      source: { type: 'payment', id: source.paymentId },
      effectiveDate: date,
    });
    applied += allocation.amountMinor;
  }
  return applied;
}

export function ruleError(field: string, message: string): AppError {
  return new AppError('business_rule_violated', `${field}: ${message}`, { fieldErrors: [{ field, message }] });
}
