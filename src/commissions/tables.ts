import type { Generated } from 'kysely';
import type { CalendarDate, Json, Timestamp } from '../shared/db/tables.ts';

// Mirror migrations/202611230161_create_commissions.ts.
export const DEAL_TYPES = ['new', 'expansion', 'renewal'] as const;
export type DealType = (typeof DEAL_TYPES)[number];
export const COMMISSION_BASES = ['first_year', 'acv'] as const;
export type CommissionBasis = (typeof COMMISSION_BASES)[number];
export const ENTRY_KINDS = ['accrual', 'clawback'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type CommissionPlansTable = {
  id: string;
  name: string;
  effective_from_date: CalendarDate;
  effective_to_date: CalendarDate | null;
  clawback_days: number;
  rates: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type CommissionPlanRepsTable = { plan_id: string; rep_user_id: string };

export type CommissionEntriesTable = {
  id: string;
  kind: EntryKind;
  rep_user_id: string;
  plan_id: string;
  booking_id: string;
  order_id: string | null;
  opportunity_id: string | null;
  account_id: string | null;
  subscription_id: string | null;
  deal_type: DealType;
  currency: string;
  amount_minor: bigint;
  earned_date: CalendarDate;
  booked_date: CalendarDate;
  reverses_entry_id: string | null;
  reason: string | null;
  created_at: Timestamp;
};

export type CommissionEntryLinesTable = {
  entry_id: string;
  line_number: number;
  product_family: string | null;
  basis: CommissionBasis;
  basis_minor: bigint;
  rate_bps: number;
  amount_minor: bigint;
  currency: string;
};

export type CommissionTables = {
  commission_plans: CommissionPlansTable;
  commission_plan_reps: CommissionPlanRepsTable;
  commission_entries: CommissionEntriesTable;
  commission_entry_lines: CommissionEntryLinesTable;
};
