import { LEDGER_ACCOUNTS, type LineRefs, type PostJournalEntryInput } from '../../ledger/index.ts';
import { money } from '../../shared/money.ts';

/** The description of a recognition entry: the invoice's number (its id before it has one) and the date. */
export function recognitionDescription(invoice: { id: string; number: string | null }, date: string): string {
  return `Revenue recognition ${invoice.number ?? invoice.id} through ${date}`;
}

/**
 * Dr deferred revenue / Cr subscription revenue (reversed for a net negative day, e.g. a credit line).
 * An invoice's, or (refs without an invoice) an adjustment credit note's (recognize-credit-notes.ts).
 */
export function recognitionEntry(
  invoice: { id: string; currency: string; account_id: string; number: string | null }, date: string, total: bigint,
  refs: LineRefs = { accountId: invoice.account_id, invoiceId: invoice.id },
): PostJournalEntryInput {
  const amount = money(total > 0n ? total : -total, invoice.currency);
  const deferred = { accountCode: LEDGER_ACCOUNTS.deferredRevenue, refs };
  const revenue = { accountCode: LEDGER_ACCOUNTS.subscriptionRevenue, refs };
  return {
    entryDate: date, description: recognitionDescription(invoice, date),
    source: { type: 'revenue_recognition', id: `${invoice.id}:${date}` }, idempotencyKey: `recognition:${invoice.id}:${date}`,
    lines: total > 0n ? [{ ...deferred, debit: amount }, { ...revenue, credit: amount }] : [{ ...revenue, debit: amount }, { ...deferred, credit: amount }],
  };
}
