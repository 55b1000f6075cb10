import type { MoneyJson } from './types.ts';

/** API shapes of the ledger (src/ledger/http-schema.ts, docs/ledger.md). Money stays minor units. */
export type LedgerRefs = { accountId: string | null; subscriptionId: string | null; invoiceId: string | null };
export type JournalLine = { lineNumber: number; accountCode: string; debit: MoneyJson | null; credit: MoneyJson | null; memo: string | null; refs: LedgerRefs };
export type JournalEntry = {
  id: string; number: string; entryDate: string; description: string; source: { type: string; id: string } | null; idempotencyKey: string | null;
  reversesEntryId: string | null; reversedByEntryId: string | null; postedAt: string; postedBy: string; lines: JournalLine[];
};

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type LedgerAccount = { code: string; name: string; type: AccountType; normalSide: 'debit' | 'credit'; active: boolean };

export type TrialBalanceRow = {
  accountCode: string; accountName: string; accountType: AccountType; normalSide: 'debit' | 'credit'; currency: string;
  debit: MoneyJson; credit: MoneyJson; balance: MoneyJson;
};
export type TrialBalance = { asOfDate: string; currency: string | null; rows: TrialBalanceRow[]; totals: { currency: string; debit: MoneyJson; credit: MoneyJson }[] };

/** GET /ledger/periods lists only months that were ever closed; any other month is open. */
export type LedgerPeriod = { period: string; status: 'open' | 'closed'; closedAt: string | null; closedBy: string | null; reason: string | null; updatedAt: string };

/** Source types the ledger's posters use (docs/ledger.md "Posting API"). */
export const SOURCE_TYPES = ['invoice', 'credit_note', 'payment', 'refund', 'write_off', 'revenue_recognition', 'fx_conversion', 'manual'] as const;
