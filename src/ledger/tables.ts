import type { Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../shared/db/tables.ts';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type LedgerAccountType = (typeof ACCOUNT_TYPES)[number];
export const SIDES = ['debit', 'credit'] as const;
export type Side = (typeof SIDES)[number];
export type PeriodStatus = 'open' | 'closed';

export type LedgerAccountsTable = {
  code: string;
  name: string;
  type: LedgerAccountType;
  normal_side: Side;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LedgerPeriodsTable = {
  period: string;
  status: PeriodStatus;
  closed_at: Timestamp | null;
  closed_by: string | null;
  reason: string | null;
  updated_at: Timestamp;
};

export type JournalEntryCountersTable = { series: string; fiscal_year: number; last_sequence: bigint };

export type JournalEntriesTable = {
  id: string;
  number: string;
  series: string;
  fiscal_year: number;
  sequence: bigint;
  entry_date: CalendarDate;
  description: string;
  source_type: string | null;
  source_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  reverses_entry_id: string | null;
  line_count: number;
  posted_at: Timestamp;
  posted_by: string;
};

export type JournalLinesTable = {
  entry_id: string;
  line_number: number;
  account_code: string;
  debit_minor: bigint;
  credit_minor: bigint;
  currency: string;
  account_id: string | null;
  subscription_id: string | null;
  invoice_id: string | null;
  memo: string | null;
};

/** The ledger's tables, added to the shared ones with db.withTables<LedgerTables>(). */
export type LedgerTables = {
  ledger_accounts: LedgerAccountsTable;
  ledger_periods: LedgerPeriodsTable;
  journal_entry_counters: JournalEntryCountersTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
};

export function ledgerDb(ctx: Ctx): Kysely<SharedTables & LedgerTables> {
  return ctx.db.withTables<LedgerTables>();
}
