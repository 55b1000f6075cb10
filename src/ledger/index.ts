// The ledger's public surface; other domains and the composition layers import only this file.
export { postJournalEntry } from './post-journal-entry.ts';
export {
  checkedJournalEntryIds, checkJournalEntries, postCheckedJournalEntries, postJournalEntries, writeCheckedJournalLines, type CheckedJournalEntries, type PostedEntryRef,
} from './post-journal-entries.ts';
export { reverseJournalEntry } from './reverse-journal-entry.ts';
export { getJournalEntry, findJournalEntry } from './get-journal-entry.ts';
export { listJournalEntries, type JournalEntryPage } from './list-journal-entries.ts';
export { trialBalance, accountBalance } from './trial-balance.ts';
export { closePeriod, reopenPeriod, listLedgerPeriods } from './ledger-periods.ts';
export { listLedgerAccounts, getLedgerAccount, createLedgerAccount, setLedgerAccountActive, defaultNormalSide } from './ledger-accounts.ts';
export { ledgerRoutes } from './routes.ts';
export { LEDGER_ACCOUNTS } from './chart.ts';
export { ACCOUNT_TYPES, SIDES } from './tables.ts';
export type { LedgerAccountType, Side, PeriodStatus, LedgerTables } from './tables.ts';
export type {
  PostJournalEntryInput, JournalLineInput, LineRefs, ReverseJournalEntryInput, TrialBalanceInput, AccountBalanceInput,
  ListEntriesQuery, CreateLedgerAccountInput, JournalEntry, JournalLine, LedgerAccount, LedgerPeriod, TrialBalance,
  BalanceRow, AccountBalance,
} from './schema.ts';
