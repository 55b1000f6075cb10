import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../shared/db/tables.ts';
import type { UsagePricing } from './usage-rating/usage-pricing.ts';

// The value lists mirror the CHECK constraints in migrations/20261123005{0,1,2}_*.ts.
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'paused', 'canceled', 'ended'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const BILLING_MODES = ['calendar', 'anniversary'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];
export const ITEM_KINDS = ['recurring', 'one_time', 'usage'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_TIMINGS = ['in_advance', 'in_arrears'] as const;
export type ItemTiming = (typeof ITEM_TIMINGS)[number];
export const BILLING_INTERVALS_MONTHS = [1, 3, 12, 24, 36] as const;
export type BillingIntervalMonths = (typeof BILLING_INTERVALS_MONTHS)[number];
export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PAYMENT_STATUSES = ['succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_METHODS = ['card', 'bank_transfer', 'direct_debit', 'check', 'cash', 'wallet', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

type Stamps = { created_at: Timestamp; updated_at: Timestamp };
type SourceKey = { source_system: string | null; external_id: string | null };

export type SubscriptionsTable = Stamps & SourceKey & {
  id: string;
  account_id: string;
  currency: string;
  status: SubscriptionStatus;
  plan_label: string | null;
  start_date: CalendarDate;
  trial_end_date: CalendarDate | null;
  /** Exclusive: the first day without service (periods are half-open). */
  end_date: CalendarDate | null;
  cancel_date: CalendarDate | null;
  canceled_at: Timestamp | null;
  billing_mode: BillingMode;
  billing_anchor_date: CalendarDate;
  auto_renew: boolean;
  version: Generated<number>;
};

export type SubscriptionItemsTable = Stamps & {
  id: Generated<bigint>;
  subscription_id: string;
  currency: string;
  item_key: string;
  description: string | null;
  kind: ItemKind;
  quantity: bigint;
  unit_price_minor: bigint;
  unit_price_decimal: string | null;
  discount_bps: number;
  /** Exact net amount per billing period for the whole quantity; null = quantity × unit price (migration 202612060700). */
  amount_minor: bigint | null;
  billing_interval_months: BillingIntervalMonths | null;
  timing: ItemTiming;
  effective_from_date: CalendarDate;
  effective_to_date: CalendarDate | null;
  /** Usage items: aggregation, price model, minimum (migration 202612121002); null = sum × unit price. Written as JSON text. */
  usage_pricing: ColumnType<UsagePricing | null, string | null | undefined, string | null>;
};

export type SubscriptionPausesTable = Stamps & {
  id: Generated<bigint>;
  subscription_id: string;
  start_date: CalendarDate;
  end_date: CalendarDate | null;
};

export type InvoicesTable = Stamps & SourceKey & {
  id: string;
  account_id: string;
  subscription_id: string | null;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  issue_date: CalendarDate | null;
  due_date: CalendarDate | null;
  period_start_date: CalendarDate | null;
  period_end_date: CalendarDate | null;
  subtotal_minor: bigint;
  discount_minor: bigint;
  tax_minor: bigint;
  total_minor: bigint;
  amount_paid_minor: bigint;
  amount_due_minor: bigint;
  issued_at: Timestamp | null;
  paid_at: Timestamp | null;
  voided_at: Timestamp | null;
  version: Generated<number>;
};

export type InvoiceLinesTable = Stamps & {
  invoice_id: string;
  line_number: number;
  currency: string;
  description: string;
  /** numeric, read as exact decimal text */
  quantity: string;
  unit_amount_minor: bigint | null;
  /** A usage unit price below one minor unit, exact, in major units ('0.0004'); null otherwise (migration 202612130000). */
  unit_amount_decimal: ColumnType<string | null, string | null | undefined, string | null>;
  amount_minor: bigint;
  period_start_date: CalendarDate | null;
  period_end_date: CalendarDate | null;
  subscription_item_id: bigint | null;
};

export type PaymentsTable = Stamps & SourceKey & {
  id: string;
  account_id: string;
  amount_minor: bigint;
  currency: string;
  received_at: Timestamp;
  method: PaymentMethod;
  reference: string | null;
  status: PaymentStatus;
  version: Generated<number>;
  /** Imported payments only: the day Revline took it onto its books (migration 202612070601); null otherwise. */
  booked_date: ColumnType<CalendarDate | null, CalendarDate | null | undefined, CalendarDate | null>;
};

export type PaymentAllocationsTable = Stamps & {
  payment_id: string;
  invoice_id: string;
  currency: string;
  amount_minor: bigint;
};

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type ItemVersionRow = Selectable<SubscriptionItemsTable>;
export type PauseRow = Selectable<SubscriptionPausesTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type AllocationRow = Selectable<PaymentAllocationsTable>;

/** Billing's tables, added to the shared ones with db.withTables<BillingTables>(). */
export type BillingTables = {
  subscriptions: SubscriptionsTable;
  subscription_items: SubscriptionItemsTable;
  subscription_pauses: SubscriptionPausesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
};
