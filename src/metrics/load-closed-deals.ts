import { sql } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import type { Period } from './periods.ts';
import { metricsDb } from './read-model.ts';

/** A won or lost opportunity as the pipeline metrics see it. */
export type ClosedDeal = {
  id: string;
  accountId: string;
  ownerUserId: string | null;
  won: boolean;
  amountMinor: bigint;
  currency: string;
  closeDate: string;
  /** UTC date the opportunity entered its first recorded stage (imports carry it in the stage history). */
  firstStageDate: string;
  segment: string | null;
  country: string | null;
  industry: string | null;
};

/**
 * Closed opportunities (closed_at set: won or lost, crm's stage kinds) whose close_date falls in
 * the periods; soft-deleted ones are left out. The cycle starts at the first stage-history entry,
 * which is the creation instant for opportunities made in Revline and the source's date for
 * imported ones (recordStageHistory) — created_at of an import is only when it was imported.
 * With asOf (docs/metrics.md "As of"): opportunities, their stage history and accounts as they stood then.
 * A team scope (docs/metrics.md "Who sees what") keeps the opportunities its owners own (then, with asOf).
 */
export async function loadClosedDeals(ctx: Ctx, periods: readonly Period[], asOf: Date | null, scope: OwnerScope): Promise<ClosedDeal[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('opportunities', asOf).as('o')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['o.id', 'o.account_id', 'o.owner_user_id', 'o.won', 'o.amount_minor', 'o.currency', 'o.close_date', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<string>`(coalesce((select min(h.entered_at) from ${tableAsOf('opportunity_stage_history', asOf)} h where h.opportunity_id = o.id), o.created_at) at time zone 'UTC')::date`.as('first_stage_date'))
    .where('o.deleted_at', 'is', null).where('o.closed_at', 'is not', null).where(ownerCondition(scope, 'o.owner_user_id'))
    .where('o.close_date', '>=', first.startDate).where('o.close_date', '<=', last.endDate)
    .orderBy('o.close_date').orderBy('o.id').execute();
  return rows.map((row) => ({
    id: row.id, accountId: row.account_id, ownerUserId: row.owner_user_id, won: row.won, amountMinor: row.amount_minor, currency: row.currency, closeDate: row.close_date,
    firstStageDate: row.first_stage_date, segment: row.segment, country: row.country, industry: row.industry,
  }));
}
