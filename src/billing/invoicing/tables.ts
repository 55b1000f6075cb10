import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { CalendarDate, Json, SharedTables, Timestamp } from '../../shared/db/tables.ts';
import type { CrmTables } from '../../crm/index.ts';
import type { LedgerTables } from '../../ledger/index.ts';
import type { BillingTables, InvoiceLinesTable, InvoicesTable, ItemKind } from '../tables.ts';
import type { Recognition } from './charge-types.ts';

// Columns and tables added by migrations/202611230130_create_billing_documents.ts. Kept here, as
// an intersection over billing's own types, so the import doors' inserts need no change.
type Optional<T> = ColumnType<T, T | undefined, T>;

export type InvoiceBillingColumns = {
  billing_date: Optional<CalendarDate | null>;
  billing_sequence: Optional<number | null>;
  journal_entry_id: Optional<string | null>;
  tax_note: Optional<string | null>;
  /** The customer as issued to (migration 202612131000): null on drafts, imported and older invoices. */
  customer_name: Optional<string | null>;
  customer_country: Optional<string | null>;
  customer_tax_id: Optional<string | null>;
  /** The account's billing address as issued to (migration 202612140300). */
  customer_address: Optional<string | null>;
};

export type LineKind = 'charge' | 'credit';

export type InvoiceLineBillingColumns = {
  line_kind: Optional<LineKind>;
  billing_period_start_date: Optional<CalendarDate | null>;
  billing_period_end_date: Optional<CalendarDate | null>;
  billable_days: Optional<number | null>;
  period_days: Optional<number | null>;
  note: Optional<string | null>;
  recognition: Optional<Recognition>;
  revenue_kind: Optional<ItemKind>;
  tax_minor: Optional<bigint>;
  tax_rate_bps: Optional<number | null>;
  tax_inclusive: Optional<boolean>;
};

export type DocumentNumberSeriesTable = { series: string; last_value: bigint; updated_at: Timestamp };

export type CreditNotesTable = {
  id: string;
  number: string;
  kind: 'void' | 'adjustment';
  account_id: string;
  subscription_id: string | null;
  invoice_id: string | null;
  currency: string;
  issue_date: CalendarDate;
  billing_date: CalendarDate | null;
  subtotal_minor: bigint;
  tax_minor: bigint;
  total_minor: bigint;
  reason: string;
  journal_entry_id: string | null;
  issued_at: Timestamp;
  created_at: Timestamp;
  /** Why no VAT (tax-note.ts) and the customer as issued to (migration 202612140200); null on older credit notes. */
  tax_note: Optional<string | null>;
  customer_name: Optional<string | null>;
  customer_country: Optional<string | null>;
  customer_tax_id: Optional<string | null>;
  /** The account's billing address as issued to (migration 202612140300). */
  customer_address: Optional<string | null>;
};

export type CreditNoteLinesTable = {
  credit_note_id: string;
  line_number: number;
  currency: string;
  line_kind: LineKind;
  description: string;
  quantity: string;
  unit_amount_minor: bigint | null;
  amount_minor: bigint;
  tax_minor: bigint;
  period_start_date: CalendarDate | null;
  period_end_date: CalendarDate | null;
  billing_period_start_date: CalendarDate | null;
  billing_period_end_date: CalendarDate | null;
  billable_days: number | null;
  period_days: number | null;
  note: string | null;
  recognition: Recognition;
  revenue_kind: ItemKind;
  subscription_item_id: bigint | null;
  tax_rate_bps: Optional<number | null>;
  tax_inclusive: Optional<boolean>;
  unit_amount_decimal: Optional<string | null>;
  created_at: Timestamp;
};

export type TaxRatesTable = {
  id: ColumnType<bigint, never, never>;
  seller_country: string;
  customer_country: string;
  tax_category: string;
  rate_bps: number;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type BillingTaxSettingsTable = { id: ColumnType<boolean, boolean | undefined, boolean>; seller_country: string; prices_include_tax: boolean; updated_at: Timestamp };
export type ItemTaxCategoriesTable = { item_key: string; tax_category: string; updated_at: Timestamp };

export type BillingRunsTable = {
  id: string;
  run_date: CalendarDate;
  issue: boolean;
  status: 'running' | 'completed' | 'interrupted';
  subscriptions_total: Optional<number>;
  invoices_created: Optional<number>;
  credit_notes_created: Optional<number>;
  invoices_issued: Optional<number>;
  errors_count: Optional<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  actor_id: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
};

export type RevenueRecognitionsTable = {
  invoice_id: string;
  line_number: number;
  recognition_date: CalendarDate;
  currency: string;
  amount_minor: bigint;
  journal_entry_id: string | null;
  created_at: Timestamp;
};

/** Recognition rows of adjustment credit notes' deferred lines (migration 202612121000). */
export type CreditNoteRecognitionsTable = {
  credit_note_id: string;
  line_number: number;
  recognition_date: CalendarDate;
  currency: string;
  amount_minor: bigint;
  journal_entry_id: string | null;
  created_at: Timestamp;
};

export type InvoicingTables = {
  invoices: InvoicesTable & InvoiceBillingColumns;
  invoice_lines: InvoiceLinesTable & InvoiceLineBillingColumns;
  document_number_series: DocumentNumberSeriesTable;
  credit_notes: CreditNotesTable;
  credit_note_lines: CreditNoteLinesTable;
  billing_runs: BillingRunsTable;
  revenue_recognitions: RevenueRecognitionsTable;
  credit_note_recognitions: CreditNoteRecognitionsTable;
  tax_rates: TaxRatesTable;
  billing_tax_settings: BillingTaxSettingsTable;
  item_tax_categories: ItemTaxCategoriesTable;
};

/** The part of a line that is revenue: its amount, less the tax inside it when prices include tax. */
export function netAmountMinor(line: { amount_minor: bigint; tax_minor: bigint; tax_inclusive: boolean }): bigint {
  return line.tax_inclusive ? line.amount_minor - line.tax_minor : line.amount_minor;
}

export type InvoicingDb = Kysely<SharedTables & CrmTables & BillingTables & LedgerTables & InvoicingTables>;
export type BilledInvoiceRow = Selectable<InvoicingTables['invoices']>;
export type BilledLineRow = Selectable<InvoicingTables['invoice_lines']>;
export type CreditNoteRow = Selectable<CreditNotesTable>;
export type CreditNoteLineRow = Selectable<CreditNoteLinesTable>;
export type { Json };

export function invoicingDb(ctx: Ctx): InvoicingDb {
  return ctx.db.withTables<CrmTables & BillingTables & LedgerTables & InvoicingTables>();
}
