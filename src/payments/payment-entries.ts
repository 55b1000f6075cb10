import { LEDGER_ACCOUNTS, postJournalEntry, type JournalEntry, type JournalLineInput } from '../ledger/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { money } from '../shared/money.ts';

export type Posting = { accountCode: string; side: 'debit' | 'credit'; amountMinor: bigint };

/**
 * Books one payment event (docs/payments.md "Ledger"): the lines given, zero lines dropped, in the
 * caller's transaction. postJournalEntry checks the balance per currency again.
 */
export async function postPaymentEntry(
  tx: TxCtx,
  input: { paymentId: string; accountId: string; currency: string; date: string; description: string; postings: readonly Posting[] },
): Promise<JournalEntry> {
  const lines: JournalLineInput[] = input.postings.filter((posting) => posting.amountMinor > 0n).map((posting) => ({
    accountCode: posting.accountCode,
    [posting.side]: money(posting.amountMinor, input.currency),
    refs: { accountId: input.accountId },
  }));
  return postJournalEntry(tx, { entryDate: input.date, description: input.description, source: { type: 'payment', id: input.paymentId }, lines });
}

export const CASH = LEDGER_ACCOUNTS.cash;
export const RECEIVABLE = LEDGER_ACCOUNTS.accountsReceivable;
export const CREDIT = LEDGER_ACCOUNTS.customerCredit;
