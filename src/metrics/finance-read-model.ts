/**
 * The finance metrics' read model over billing's documents, payments' receipts and the ledger's
 * postings (same rule as read-model.ts: local row types of only the columns read here; the
 * owning domain's migration is the source of truth; nothing here writes another domain's table).
 */
import type { ColumnType, Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../shared/db/tables.ts';
import type { AccountsReadTable } from './read-model.ts';

type BigIntRead = ColumnType<bigint, never, never>;

/** migrations/202611230051_create_invoices.ts (+ 202611230130 billing columns). */
type InvoicesReadTable = {
  id: string;
  account_id: string;
  subscription_id: string | null;
  number: string | null;
  status: 'draft' | 'issued' | 'paid' | 'void';
  currency: string;
  issue_date: CalendarDate | null;
  due_date: CalendarDate | null;
  tax_minor: BigIntRead;
  total_minor: BigIntRead;
  /** Payment progress, including what an import gave that cash application did not record (billing's settlement rule). */
  amount_paid_minor: BigIntRead;
  paid_at: Timestamp | null;
  source_system: string | null;
  /** Transaction time (docs/metrics.md "As of"): when the invoice was issued in Revline or imported, and voided. */
  issued_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: Timestamp;
};

/** invoice lines: the charge key (item version, billing period) and the amount billed for it. */
type InvoiceLinesReadTable = {
  invoice_id: string;
  line_number: number;
  amount_minor: BigIntRead;
  subscription_item_id: BigIntRead | null;
  billing_period_start_date: CalendarDate | null;
};

/** migrations/202611230130_create_billing_documents.ts */
type CreditNotesReadTable = {
  id: string;
  number: string;
  kind: 'void' | 'adjustment';
  account_id: string;
  subscription_id: string | null;
  invoice_id: string | null;
  currency: string;
  issue_date: CalendarDate;
  tax_minor: BigIntRead;
  total_minor: BigIntRead;
  issued_at: Timestamp;
  created_at: Timestamp;
};

type CreditNoteLinesReadTable = {
  credit_note_id: string;
  amount_minor: BigIntRead;
  subscription_item_id: BigIntRead | null;
  billing_period_start_date: CalendarDate | null;
};

/** migrations/202611230140_create_invoice_settlements.ts: applied (positive) and taken back (negative). */
type InvoiceSettlementsReadTable = { invoice_id: string; amount_minor: BigIntRead; effective_date: CalendarDate; created_at: Timestamp };

/** migrations/202611230052_create_payments.ts */
type PaymentsReadTable = {
  id: string;
  account_id: string;
  amount_minor: BigIntRead;
  currency: string;
  received_at: Timestamp;
  status: 'succeeded' | 'failed' | 'refunded';
  source_system: string | null;
  created_at: Timestamp;
};

/** migrations/202611230141_create_payment_receipts.ts */
type PaymentReceiptsReadTable = { payment_id: string; account_id: string; currency: string; amount_minor: BigIntRead; received_date: CalendarDate; created_at: Timestamp };
type PaymentReversalsReadTable = { id: string; payment_id: string; kind: 'refund' | 'chargeback'; currency: string; amount_minor: BigIntRead; reversal_date: CalendarDate; created_at: Timestamp };

/** migrations/202611230080_create_ledger_accounts.ts, 202611230082_create_journal_entries.ts */
type LedgerAccountsReadTable = { code: string; name: string; type: 'asset' | 'liability' | 'equity' | 'revenue' | 'expense' };
type JournalEntriesReadTable = { id: string; number: string; entry_date: CalendarDate; source_type: string | null; source_id: string | null; posted_at: Timestamp };
type JournalLinesReadTable = {
  entry_id: string;
  line_number: number;
  account_code: string;
  debit_minor: BigIntRead;
  credit_minor: BigIntRead;
  currency: string;
  account_id: string | null;
  invoice_id: string | null;
};

/** Subscription columns the billing engine's charge valuation needs (migrations/202611230050). */
type ContractSubscriptionsReadTable = {
  id: string;
  account_id: string;
  currency: string;
  status: string;
  start_date: CalendarDate;
  trial_end_date: CalendarDate | null;
  end_date: CalendarDate | null;
  billing_anchor_date: CalendarDate;
  source_system: string | null;
  created_at: Timestamp;
};
type ContractItemsReadTable = {
  id: BigIntRead;
  subscription_id: string;
  item_key: string;
  description: string | null;
  kind: 'recurring' | 'one_time' | 'usage';
  quantity: BigIntRead;
  unit_price_minor: BigIntRead;
  unit_price_decimal: string | null;
  /** The exact amount per billing period when set (docs/billing.md "Exact amounts"). */
  amount_minor: BigIntRead | null;
  discount_bps: number;
  billing_interval_months: 1 | 3 | 12 | 24 | 36 | null;
  timing: 'in_advance' | 'in_arrears';
  effective_from_date: CalendarDate;
  effective_to_date: CalendarDate | null;
};
type ContractPausesReadTable = { subscription_id: string; start_date: CalendarDate; end_date: CalendarDate | null };

export type FinanceReadTables = {
  accounts: AccountsReadTable;
  invoices: InvoicesReadTable;
  invoice_lines: InvoiceLinesReadTable;
  invoice_settlements: InvoiceSettlementsReadTable;
  credit_notes: CreditNotesReadTable;
  credit_note_lines: CreditNoteLinesReadTable;
  payments: PaymentsReadTable;
  payment_receipts: PaymentReceiptsReadTable;
  payment_reversals: PaymentReversalsReadTable;
  ledger_accounts: LedgerAccountsReadTable;
  journal_entries: JournalEntriesReadTable;
  journal_lines: JournalLinesReadTable;
  subscriptions: ContractSubscriptionsReadTable;
  subscription_items: ContractItemsReadTable;
  subscription_pauses: ContractPausesReadTable;
};

export function financeDb(ctx: Ctx): Kysely<SharedTables & FinanceReadTables> {
  return ctx.db.withTables<FinanceReadTables>();
}
