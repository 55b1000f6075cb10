import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';

/** A lead as the funnel metrics see it: when it first reached each stage (crm never clears these), and its opportunity. */
export type FunnelLead = {
  id: string;
  ownerUserId: string | null;
  country: string | null;
  source: string | null;
  campaignId: string | null;
  createdAt: Date;
  mqlAt: Date | null;
  sqlAt: Date | null;
  convertedAt: Date | null;
  disqualifiedAt: Date | null;
  opportunityId: string | null;
  opportunityWon: boolean;
  opportunityClosedAt: Date | null;
};

/**
 * Leads created before `before` (soft-deleted ones excluded), with the outcome of the opportunity
 * each converted into (soft-deleted opportunities count as no opportunity).
 * With asOf (docs/metrics.md "As of"): leads and opportunities as they stood then. A team scope
 * (docs/metrics.md "Who sees what") keeps the leads its owners own, whoever owns their opportunity.
 */
export async function loadFunnelLeads(ctx: Ctx, before: Date, asOf: Date | null, scope: OwnerScope): Promise<FunnelLead[]> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('leads', asOf).as('l'))
    .leftJoin(tableAsOf('opportunities', asOf).as('o'), (join) => join.onRef('o.id', '=', 'l.converted_opportunity_id').on('o.deleted_at', 'is', null))
    .select(['l.id', 'l.owner_user_id', 'l.country', 'l.source', 'l.campaign_id', 'l.created_at', 'l.mql_at', 'l.sql_at', 'l.converted_at', 'l.disqualified_at', 'o.id as opportunity_id', 'o.won', 'o.closed_at'])
    .where('l.deleted_at', 'is', null).where('l.created_at', '<', before).where(ownerCondition(scope, 'l.owner_user_id'))
    .orderBy('l.created_at').orderBy('l.id').execute();
  return rows.map((row) => ({
    id: row.id, ownerUserId: row.owner_user_id, country: row.country, source: row.source, campaignId: row.campaign_id, createdAt: row.created_at, mqlAt: row.mql_at, sqlAt: row.sql_at,
    convertedAt: row.converted_at, disqualifiedAt: row.disqualified_at, opportunityId: row.opportunity_id, opportunityWon: row.won === true, opportunityClosedAt: row.closed_at,
  }));
}
