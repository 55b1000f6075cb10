import { sql } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';
import type { AccountAttributes } from './record-groups.ts';

/** One stay of an opportunity in an open stage, and what became of the opportunity afterwards. */
export type StageStay = AccountAttributes & {
  opportunityId: string;
  accountId: string;
  ownerUserId: string | null;
  stage: string;
  enteredAt: Date;
  leftAt: Date | null;
  /** The first time this opportunity entered this stage (re-entries after moving back are not a new cohort member). */
  firstEntry: boolean;
  /** Later reached a won stage or an open stage further down the pipeline (by sort order). */
  advanced: boolean;
  /** Later reached a lost stage without advancing. */
  lost: boolean;
};

/**
 * Stays in open stages (crm's stage kinds) that were entered or left within the periods, with the
 * opportunity's later course; soft-deleted opportunities are excluded. Times are UTC.
 * With asOf (docs/metrics.md "As of"): every table as it stood then. A team scope (docs/metrics.md
 * "Who sees what") keeps the stays of the opportunities its owners own.
 */
export async function loadStageStays(ctx: Ctx, periods: readonly Period[], asOf: Date | null, scope: OwnerScope): Promise<StageStay[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  const from = new Date(`${first.startDate}T00:00:00Z`);
  const to = new Date(`${addDaysToDate(last.endDate, 1)}T00:00:00Z`);
  const history = tableAsOf('opportunity_stage_history', asOf);
  const stages = tableAsOf('pipeline_stages', asOf);
  const rows = await metricsDb(ctx).selectFrom(history.as('h'))
    .innerJoin(stages.as('s'), 's.key', 'h.stage_key').innerJoin(tableAsOf('opportunities', asOf).as('o'), 'o.id', 'h.opportunity_id').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['h.opportunity_id', 'o.account_id', 'o.owner_user_id', 'h.stage_key', 'h.entered_at', 'h.left_at', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<boolean>`not exists (select 1 from ${history} e where e.opportunity_id = h.opportunity_id and e.stage_key = h.stage_key and e.entered_at < h.entered_at)`.as('first_entry'))
    .select(sql<boolean>`exists (select 1 from ${history} n join ${stages} ns on ns.key = n.stage_key
      where n.opportunity_id = h.opportunity_id and n.entered_at > h.entered_at and (ns.kind = 'won' or (ns.kind = 'open' and ns.sort_order > s.sort_order)))`.as('advanced'))
    .select(sql<boolean>`exists (select 1 from ${history} n join ${stages} ns on ns.key = n.stage_key
      where n.opportunity_id = h.opportunity_id and n.entered_at > h.entered_at and ns.kind = 'lost')`.as('lost'))
    .where('s.kind', '=', 'open').where('o.deleted_at', 'is', null).where(ownerCondition(scope, 'o.owner_user_id'))
    .where((eb) => eb.or([eb.and([eb('h.entered_at', '>=', from), eb('h.entered_at', '<', to)]), eb.and([eb('h.left_at', '>=', from), eb('h.left_at', '<', to)])]))
    .orderBy('h.entered_at').orderBy('h.opportunity_id').execute();
  return rows.map((row) => ({
    opportunityId: row.opportunity_id, accountId: row.account_id, ownerUserId: row.owner_user_id, stage: row.stage_key, enteredAt: row.entered_at, leftAt: row.left_at,
    firstEntry: row.first_entry, advanced: row.advanced, lost: !row.advanced && row.lost, segment: row.segment, country: row.country, industry: row.industry,
  }));
}

/** The open stages in pipeline order: every one is a series, data or not. */
export async function loadOpenStages(ctx: Ctx, asOf: Date | null = null): Promise<string[]> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('pipeline_stages', asOf).as('s')).select('s.key').where('s.kind', '=', 'open').orderBy('s.sort_order').execute();
  return rows.map((row) => row.key);
}
