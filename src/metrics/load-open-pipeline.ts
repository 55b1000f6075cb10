import { sql } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import type { AccountAttributes } from './record-groups.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';

/** An opportunity that was open at an instant, with the amount and stage it had then. */
export type OpenOpportunity = AccountAttributes & {
  id: string;
  accountId: string;
  ownerUserId: string | null;
  /** null: an opportunity without stage history that has closed since (its stage then is unknown; weighted at 0). */
  stage: string | null;
  probabilityBps: number;
  amountMinor: bigint;
  currency: string;
  closeDate: string;
  source: string | null;
  campaignId: string | null;
};

/**
 * The open pipeline as it stood at each instant of `ats` (a date's pipeline is taken at the next
 * day's 00:00 UTC), one list per instant, in the order asked: every stage-history stay in an open
 * stage (crm's stage kinds) that had begun before the instant and not ended by then. A past stay
 * carries the amount it was entered with; the current stay carries the opportunity's current amount
 * (edits inside a stage are not historized). An opportunity without stage history (e.g. imported
 * without one) is open from its creation to its close, in its current stage while still open (stage
 * unknown, probability 0, once closed). The close date is the current one (close-date push-outs are
 * not historized). Soft-deleted opportunities are excluded.
 * With asOf (docs/metrics.md "As of"): every table as it stood then (a stay left after asOf is still open).
 * A team scope (docs/metrics.md "Who sees what") keeps the opportunities its owners own.
 *
 * Two statements for all the instants, not two per instant (issue #7: a monthly report over three
 * years asked 72): the instants are joined to the stays and to the opportunities without history
 * in SQL, one row per instant an opportunity was open at, compared there as before (timestamps keep
 * their microseconds). The stays open at some instant are picked first (materialized) and only
 * those joined to their opportunity: on PGlite the tables carry no planner statistics (no
 * autovacuum; the demo's show reltuples -1), and its plans over the plain join cost more than the
 * two statements per instant did.
 * load-open-pipeline.test.ts holds every instant's list equal to the single-instant query.
 */
export async function loadOpenPipelines(ctx: Ctx, ats: readonly Date[], asOf: Date | null, scope: OwnerScope): Promise<OpenOpportunity[][]> {
  if (ats.length === 0) return [];
  const db = metricsDb(ctx);
  // Materialized: the instants are read once, not once per row the planner loops over.
  const instants = sql`t as materialized (select u.at, u.i::int as at_index from unnest(${ats.map((at) => at.toISOString())}::timestamptz[]) with ordinality as u(at, i))`;
  const history = tableAsOf('opportunity_stage_history', asOf);
  const withHistory = await sql<Row>`with ${instants},
    open_stages as materialized (select s.key, s.default_probability_bps from ${tableAsOf('pipeline_stages', asOf)} s where s.kind = 'open'),
    stays as materialized (select t.at_index, h.opportunity_id, h.stage_key, h.left_at, h.amount_minor, h.currency from t
      join ${history} h on h.entered_at < t.at and (h.left_at is null or h.left_at >= t.at) where h.stage_key in (select key from open_stages))
    select h.at_index, o.id, o.account_id, o.owner_user_id, h.stage_key, s.default_probability_bps, o.close_date, o.source, o.campaign_id, a.segment, a.country, a.industry,
      case when h.left_at is null then o.amount_minor else h.amount_minor end as amount_minor, case when h.left_at is null then o.currency else h.currency end as currency
    from stays h join open_stages s on s.key = h.stage_key join ${tableAsOf('opportunities', asOf)} o on o.id = h.opportunity_id
      join ${tableAsOf('accounts', asOf)} a on a.id = o.account_id
    where o.deleted_at is null and ${ownerCondition(scope, 'o.owner_user_id')}`.execute(db);
  const withoutHistory = await sql<Row>`with ${instants}
    select t.at_index, o.id, o.account_id, o.owner_user_id, o.close_date, o.source, o.campaign_id, a.segment, a.country, a.industry, o.amount_minor, o.currency,
      case when o.closed_at is null then o.stage_key end as stage_key, case when o.closed_at is null then o.probability_bps else 0 end as default_probability_bps
    from t join ${tableAsOf('opportunities', asOf)} o on o.created_at < t.at and (o.closed_at is null or o.closed_at >= t.at)
      join ${tableAsOf('accounts', asOf)} a on a.id = o.account_id
    where o.deleted_at is null and ${ownerCondition(scope, 'o.owner_user_id')} and not exists (select 1 from ${history} x where x.opportunity_id = o.id)`.execute(db);
  const lists: OpenOpportunity[][] = ats.map(() => []);
  for (const row of [...withHistory.rows, ...withoutHistory.rows]) {
    lists[row.at_index - 1]?.push({
      id: row.id, accountId: row.account_id, ownerUserId: row.owner_user_id, stage: row.stage_key, probabilityBps: row.default_probability_bps, amountMinor: BigInt(row.amount_minor), currency: row.currency,
      closeDate: row.close_date, source: row.source, campaignId: row.campaign_id, segment: row.segment, country: row.country, industry: row.industry,
    });
  }
  return lists.map((list) => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** A row of either statement; at_index counts the instants from 1 (ordinality). */
type Row = {
  at_index: number; id: string; account_id: string; owner_user_id: string | null; stage_key: string | null; default_probability_bps: number; close_date: string; source: string | null; campaign_id: string | null;
  segment: string | null; country: string | null; industry: string | null; amount_minor: bigint | string; currency: string;
};
