import type { Generated, Selectable } from 'kysely';
import type { OpportunityType } from '../crm/index.ts';
import type { CalendarDate, Json, Timestamp } from '../shared/db/tables.ts';

// The value lists mirror the CHECK constraints in migrations/2026112301{00..03}_*.ts.
export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'expired', 'superseded'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
/** The languages a quote document is written in (migrations/202611230150_add_quote_language.ts). */
export const QUOTE_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const PRODUCT_RULE_KINDS = ['requires', 'excludes', 'addon_of', 'min_qty', 'max_qty'] as const;
export type ProductRuleKind = (typeof PRODUCT_RULE_KINDS)[number];
export const VALIDATION_RULE_KINDS = ['overdue_invoices', 'below_floor', 'expired_price_book'] as const;
export type ValidationRuleKind = (typeof VALIDATION_RULE_KINDS)[number];
/** Who may be named as an approver role; the approval routes admit the same roles. */
export const APPROVER_ROLES = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];
export function isApproverRole(role: string): role is ApproverRole {
  return (APPROVER_ROLES as readonly string[]).includes(role);
}

type Stamps = { created_at: Timestamp; updated_at: Timestamp };

export type QuotesTable = Stamps & {
  id: string;
  opportunity_id: string;
  account_id: string;
  quote_type: OpportunityType;
  price_book_id: string;
  currency: string;
  status: QuoteStatus;
  version_number: number;
  revised_from_quote_id: string | null;
  start_date: CalendarDate;
  term_months: number;
  payment_terms_days: number;
  language: QuoteLanguage;
  /** Exclusive: the first day the quote is no longer valid (like a price book's validToDate). */
  expires_on_date: CalendarDate;
  owner_user_id: string | null;
  discount_percent_bps: number | null;
  discount_amount_minor: bigint | null;
  list_minor: bigint;
  line_discount_minor: bigint;
  header_discount_minor: bigint;
  tcv_minor: bigint;
  one_time_minor: bigint;
  recurring_minor: bigint;
  acv_minor: bigint;
  first_year_minor: bigint;
  mrr_minor: bigint;
  arr_minor: bigint;
  /** Minor units per contract year, as integer strings. */
  year_amounts: Json;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  sent_at: Timestamp | null;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};

export type QuoteLinesTable = Stamps & {
  id: string;
  quote_id: string;
  currency: string;
  line_number: number;
  product_id: string;
  price_id: string;
  description: string | null;
  quantity: bigint;
  /** [{ year, quantity, discountBps }] or null. */
  ramp: Json | null;
  discount_percent_bps: number | null;
  discount_amount_minor: bigint | null;
  one_time: boolean;
  list_minor: bigint;
  discount_minor: bigint;
  header_discount_minor: bigint;
  net_minor: bigint;
  first_year_minor: bigint;
  mrr_minor: bigint;
  /** [{ monthOffset, months, amountMinor }], the billing periods of the line. */
  period_amounts: Json;
  year_amounts: Json;
};

export type ProductRulesTable = Stamps & {
  id: string;
  name: string;
  kind: ProductRuleKind;
  product_id: string;
  related_product_id: string | null;
  quantity: bigint | null;
  active: boolean;
  version: Generated<number>;
};

export type ApprovalRulesTable = Stamps & {
  id: string;
  name: string;
  active: boolean;
  condition: Json;
  approver_role: ApproverRole | null;
  approver_user_id: string | null;
  level: number;
  version: Generated<number>;
};

export type QuoteApprovalRequestsTable = {
  id: string;
  quote_id: string;
  rule_id: string;
  level: number;
  approver_role: ApproverRole | null;
  approver_user_id: string | null;
  status: ApprovalStatus;
  /** { condition, actual }: what raised the request. */
  snapshot: Json;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
};

export type ValidationRulesTable = Stamps & {
  id: string;
  key: string;
  name: string;
  kind: ValidationRuleKind;
  params: Json;
  active: boolean;
  version: Generated<number>;
};

export type QuoteValidationOverridesTable = {
  id: Generated<bigint>;
  quote_id: string;
  rule_id: string;
  reason: string;
  overridden_by: string;
  overridden_at: Timestamp;
};

export type QuoteRow = Selectable<QuotesTable>;
export type QuoteLineRow = Selectable<QuoteLinesTable>;
export type ProductRuleRow = Selectable<ProductRulesTable>;
export type ApprovalRuleRow = Selectable<ApprovalRulesTable>;
export type ApprovalRequestRow = Selectable<QuoteApprovalRequestsTable>;
export type ValidationRuleRow = Selectable<ValidationRulesTable>;
export type OverrideRow = Selectable<QuoteValidationOverridesTable>;

/** CPQ's tables, added to the shared ones with db.withTables<CpqTables>(). */
export type CpqTables = {
  quotes: QuotesTable;
  quote_lines: QuoteLinesTable;
  product_rules: ProductRulesTable;
  approval_rules: ApprovalRulesTable;
  quote_approval_requests: QuoteApprovalRequestsTable;
  validation_rules: ValidationRulesTable;
  quote_validation_overrides: QuoteValidationOverridesTable;
};
