/**
 * Metrics is a read model over billing and crm: it reads their tables in bulk (a million item
 * versions at once), which their public services — one record at a time, owner-scoped — are not
 * made for. The row types below declare only the columns read here; the owning domain's migration
 * is the source of truth, and a renamed column fails the tests that load through these queries.
 * Nothing here writes another domain's table. The business rules stay in the owning domain: MRR of
 * an item is billing's itemMrrMinor, trial handling mirrors billing's isTrialingOn (mrr-spans.ts).
 */
import type { ColumnType, Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../shared/db/tables.ts';
import type { MetricsTables } from './tables.ts';

type ReadOnly<T> = ColumnType<T, never, never>;
type BigIntRead = ReadOnly<bigint>;

/** migrations/202611230020_create_accounts.ts */
export type AccountsReadTable = {
  id: string;
  segment: string | null;
  industry: string | null;
  country: string | null;
  version: number;
};

/** migrations/202611230050_create_subscriptions.ts */
export type SubscriptionsReadTable = {
  id: string;
  account_id: string;
  currency: string;
  status: 'trialing' | 'active' | 'paused' | 'canceled' | 'ended';
  plan_label: string | null;
  start_date: CalendarDate;
  trial_end_date: CalendarDate | null;
  end_date: CalendarDate | null;
  version: number;
};

/** migrations/202611230050_create_subscriptions.ts */
export type SubscriptionItemsReadTable = {
  id: BigIntRead;
  subscription_id: string;
  kind: 'recurring' | 'one_time' | 'usage';
  quantity: BigIntRead;
  unit_price_minor: BigIntRead;
  /** migrations/202612060700_add_subscription_item_amount.ts: the exact period amount, or null. */
  amount_minor: ColumnType<bigint | null, never, never>;
  discount_bps: number;
  billing_interval_months: number | null;
  effective_from_date: CalendarDate;
  effective_to_date: CalendarDate | null;
};

/** migrations/202611230050_create_subscriptions.ts */
export type SubscriptionPausesReadTable = { id: BigIntRead; subscription_id: string; start_date: CalendarDate; end_date: CalendarDate | null };

/** migrations/202611230042_create_opportunities.ts */
export type OpportunitiesReadTable = {
  id: string;
  account_id: string;
  amount_minor: BigIntRead;
  currency: string;
  close_date: CalendarDate;
  closed_at: Timestamp | null;
  won: boolean;
  stage_key: string;
  probability_bps: number;
  source: string | null;
  campaign_id: string | null;
  owner_user_id: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
};

/** migrations/202611230042_create_opportunities.ts */
export type OpportunityStageHistoryReadTable = {
  id: BigIntRead;
  opportunity_id: string;
  stage_key: string;
  entered_at: Timestamp;
  left_at: Timestamp | null;
  amount_minor: BigIntRead;
  currency: string;
};

/** migrations/202611230040_create_pipeline_stages.ts */
export type PipelineStagesReadTable = { key: string; sort_order: number; default_probability_bps: number; kind: 'open' | 'won' | 'lost' };

/** migrations/202611230032_create_leads.ts */
export type LeadsReadTable = {
  id: string;
  country: string | null;
  source: string | null;
  campaign_id: string | null;
  mql_at: Timestamp | null;
  sql_at: Timestamp | null;
  converted_at: Timestamp | null;
  disqualified_at: Timestamp | null;
  converted_opportunity_id: string | null;
  owner_user_id: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
};

/** migrations/202611230031_create_campaigns.ts */
export type CampaignsReadTable = {
  id: string;
  name: string;
  start_date: CalendarDate | null;
  end_date: CalendarDate | null;
  currency: string | null;
  actual_cost_minor: BigIntRead | null;
  deleted_at: Timestamp | null;
};

/** migrations/202611230043_create_support_tickets.ts */
export type SupportTicketsReadTable = {
  id: string;
  account_id: string;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  csat: number | null;
  deleted_at: Timestamp | null;
};

/** migrations/202611230044_create_product_usage.ts */
export type AccountSeatsReadTable = { account_id: string; as_of_date: CalendarDate; licensed_seats: number; active_users: number };

export type ReadModelTables = {
  accounts: AccountsReadTable;
  subscriptions: SubscriptionsReadTable;
  subscription_items: SubscriptionItemsReadTable;
  subscription_pauses: SubscriptionPausesReadTable;
  opportunities: OpportunitiesReadTable;
  opportunity_stage_history: OpportunityStageHistoryReadTable;
  pipeline_stages: PipelineStagesReadTable;
  leads: LeadsReadTable;
  campaigns: CampaignsReadTable;
  support_tickets: SupportTicketsReadTable;
  account_seats: AccountSeatsReadTable;
};

export type MetricsDb = Kysely<SharedTables & ReadModelTables & MetricsTables>;

export function metricsDb(ctx: Ctx): MetricsDb {
  return asMetricsDb(ctx.db);
}

export function asMetricsDb(db: Kysely<SharedTables>): MetricsDb {
  return db.withTables<ReadModelTables & MetricsTables>();
}
