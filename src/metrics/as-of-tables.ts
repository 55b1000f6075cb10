import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import type {
  AccountSeatsReadTable, AccountsReadTable, CampaignsReadTable, LeadsReadTable, OpportunitiesReadTable, OpportunityStageHistoryReadTable, PipelineStagesReadTable,
  SubscriptionItemsReadTable, SubscriptionPausesReadTable, SubscriptionsReadTable, SupportTicketsReadTable,
} from './read-model.ts';
import type { MetricsTables } from './tables.ts';

/**
 * The tables with transaction-time history: migrations/202612060800_create_row_history.ts (the MRR
 * family's) and 202612081300_create_crm_row_history.ts (everything else the metrics read).
 * `<table>_as_of(t)` returns whole rows; the types below name the columns the loaders read.
 */
type Rows = {
  subscriptions: Selectable<SubscriptionsReadTable> & { source_system: string | null; billing_anchor_date: string; created_at: Date };
  subscription_items: Selectable<SubscriptionItemsReadTable> & {
    kind: string; item_key: string; description: string | null; unit_price_decimal: string | null; timing: 'in_advance' | 'in_arrears'; billing_interval_months: 1 | 3 | 12 | 24 | 36 | null;
  };
  subscription_pauses: Selectable<SubscriptionPausesReadTable>;
  accounts: Selectable<AccountsReadTable>;
  opportunities: Selectable<OpportunitiesReadTable>;
  opportunity_stage_history: Selectable<OpportunityStageHistoryReadTable>;
  pipeline_stages: Selectable<PipelineStagesReadTable>;
  leads: Selectable<LeadsReadTable>;
  campaigns: Selectable<CampaignsReadTable>;
  support_tickets: Selectable<SupportTicketsReadTable>;
  account_seats: Selectable<AccountSeatsReadTable>;
  marketing_spend: Selectable<MetricsTables['marketing_spend']>;
  sales_targets: Selectable<MetricsTables['sales_targets']>;
};
export type HistoryTable = keyof Rows;

/**
 * A table as a loader reads it: the current rows (asOf null), or the rows as they stood at the
 * instant asOf — `<table>_as_of(asOf)`, current rows recorded by then plus the history rows valid
 * then. Alias it in the query (`.as('s')`).
 */
export function tableAsOf<T extends HistoryTable>(table: T, asOf: Date | null): RawBuilder<Rows[T]> {
  return asOf === null ? sql<Rows[T]>`${sql.table(table)}` : sql<Rows[T]>`${sql.raw(`${table}_as_of`)}(${asOf})`;
}

/**
 * docs/metrics.md "As of", history start: rows changed before their table's history was kept have
 * lost their earlier versions, so a figure as of an instant before `row_history_starts.complete_from`
 * of a table it reads cannot be reproduced — a 400 naming querystring.asOf, not a wrong figure.
 */
export async function assertHistoryCovers(ctx: Ctx, tables: readonly HistoryTable[], asOf: Date): Promise<void> {
  const rows = await sql<{ table_name: string; complete_from: Date }>`
    select table_name, complete_from from row_history_starts
    where table_name = any(${[...tables]}::text[]) and complete_from > ${asOf} order by complete_from desc, table_name`.execute(ctx.db);
  const latest = rows.rows[0];
  if (!latest) return;
  const message = `the history of ${latest.table_name} is complete from ${new Date(latest.complete_from).toISOString()} (rows changed before it was kept lost their earlier versions); ask for an instant at or after it`;
  throw new AppError('validation_failed', `querystring.asOf: ${message}`, { fieldErrors: [{ field: 'querystring.asOf', message }] });
}
