import { sql } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';
import type { AccountAttributes } from './record-groups.ts';

/** An opportunity marketing sourced: it names a campaign, or it was converted from a lead that does. */
export type SourcedOpportunity = AccountAttributes & {
  id: string;
  accountId: string;
  ownerUserId: string | null;
  campaignId: string;
  amountMinor: bigint;
  currency: string;
  /** UTC date of its first stage entry (its creation in the source system for imports). */
  createdDate: string;
  closeDate: string;
  won: boolean;
  closed: boolean;
};

/**
 * Every marketing-sourced opportunity (soft-deleted ones excluded). The opportunity's own
 * campaign wins over its lead's when both are set.
 * With asOf (docs/metrics.md "As of"): opportunities, leads, stage history and accounts as they stood then.
 * A team scope (docs/metrics.md "Who sees what") keeps the opportunities its owners own.
 */
export async function loadSourcedOpportunities(ctx: Ctx, asOf: Date | null, scope: OwnerScope): Promise<SourcedOpportunity[]> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('opportunities', asOf).as('o')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .leftJoin(tableAsOf('leads', asOf).as('l'), (join) => join.onRef('l.converted_opportunity_id', '=', 'o.id').on('l.deleted_at', 'is', null))
    .select(['o.id', 'o.account_id', 'o.owner_user_id', 'o.amount_minor', 'o.currency', 'o.close_date', 'o.won', 'o.closed_at', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<string>`coalesce(o.campaign_id, l.campaign_id)`.as('campaign_id'))
    .select(sql<string>`(coalesce((select min(h.entered_at) from ${tableAsOf('opportunity_stage_history', asOf)} h where h.opportunity_id = o.id), o.created_at) at time zone 'UTC')::date`.as('created_date'))
    .where('o.deleted_at', 'is', null).where(ownerCondition(scope, 'o.owner_user_id')).where((eb) => eb.or([eb('o.campaign_id', 'is not', null), eb('l.campaign_id', 'is not', null)]))
    .orderBy('o.id').execute();
  return rows.map((row) => ({
    id: row.id, accountId: row.account_id, ownerUserId: row.owner_user_id, campaignId: row.campaign_id, amountMinor: BigInt(row.amount_minor), currency: row.currency, createdDate: String(row.created_date),
    closeDate: row.close_date, won: row.won, closed: row.closed_at !== null, segment: row.segment, country: row.country, industry: row.industry,
  }));
}
