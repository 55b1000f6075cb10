import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { AccountAttributes } from './record-groups.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';

/** An opportunity that was open at an instant, with the amount and stage it had then. */
export type OpenOpportunity = AccountAttributes & {
  id: string;
  accountId: string;
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
 * The open pipeline as it stood at `at` (an instant; a date's pipeline is taken at the next day's
 * 00:00 UTC): every stage-history stay in an open stage (crm's stage kinds) that had begun before
 * `at` and not ended by then. A past stay carries the amount it was entered with; the current
 * stay carries the opportunity's current amount (edits inside a stage are not historized). An
 * opportunity without stage history (e.g. imported without one) is open from its creation to its
 * close, in its current stage while still open (stage unknown, probability 0, once closed). The close date is the current one (close-date push-outs are not historized).
 * Soft-deleted opportunities are excluded.
 * With asOf (docs/metrics.md "As of"): every table as it stood then (a stay left after asOf is still open).
 */
export async function loadOpenPipeline(ctx: Ctx, at: Date, asOf: Date | null = null): Promise<OpenOpportunity[]> {
  const db = metricsDb(ctx);
  const withHistory = await db.selectFrom(tableAsOf('opportunity_stage_history', asOf).as('h'))
    .innerJoin(tableAsOf('opportunities', asOf).as('o'), 'o.id', 'h.opportunity_id').innerJoin(tableAsOf('pipeline_stages', asOf).as('s'), 's.key', 'h.stage_key')
    .innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['o.id', 'o.account_id', 'h.stage_key', 's.default_probability_bps', 'o.close_date', 'o.source', 'o.campaign_id', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<bigint>`case when h.left_at is null then o.amount_minor else h.amount_minor end`.as('amount_minor'))
    .select(sql<string>`case when h.left_at is null then o.currency else h.currency end`.as('currency'))
    .where('s.kind', '=', 'open').where('o.deleted_at', 'is', null).where('h.entered_at', '<', at)
    .where((eb) => eb.or([eb('h.left_at', 'is', null), eb('h.left_at', '>=', at)]))
    .execute();
  const withoutHistory = await db.selectFrom(tableAsOf('opportunities', asOf).as('o')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['o.id', 'o.account_id', 'o.close_date', 'o.source', 'o.campaign_id', 'a.segment', 'a.country', 'a.industry', 'o.amount_minor', 'o.currency'])
    .select(sql<string | null>`case when o.closed_at is null then o.stage_key end`.as('stage_key'))
    .select(sql<number>`case when o.closed_at is null then o.probability_bps else 0 end`.as('default_probability_bps'))
    .where('o.deleted_at', 'is', null).where('o.created_at', '<', at)
    .where((eb) => eb.or([eb('o.closed_at', 'is', null), eb('o.closed_at', '>=', at)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom(tableAsOf('opportunity_stage_history', asOf).as('x')).select('x.id').whereRef('x.opportunity_id', '=', 'o.id'))))
    .execute();
  return [...withHistory, ...withoutHistory].map((row) => ({
    id: row.id, accountId: row.account_id, stage: row.stage_key, probabilityBps: row.default_probability_bps, amountMinor: BigInt(row.amount_minor), currency: row.currency,
    closeDate: row.close_date, source: row.source, campaignId: row.campaign_id, segment: row.segment, country: row.country, industry: row.industry,
  })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
