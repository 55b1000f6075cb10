import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import type { LeadTables } from '../leads/schema.ts';
import type { OpportunityTables } from '../opportunities/tables.ts';
import { escapeLike } from '../opportunities/keyset.ts';
import { opportunityScopeCondition } from '../opportunities/scope.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import type { CrmTables } from '../schema.ts';
import type { BoardFilter } from './schema.ts';

/**
 * Read-only aggregates for the pipeline board and the lead funnel. The writers of these tables are
 * their own repos; this module only counts and sums, with the same scope conditions they use.
 */
function boardDb(ctx: Ctx): Kysely<SharedTables & OpportunityTables & LeadTables & CrmTables> {
  return ctx.db.withTables<OpportunityTables & LeadTables & CrmTables>();
}

export type StageCurrencyRow = { stage_key: string; currency: string; count: string | number | bigint; total_minor: string | number | bigint };

/** Count and sum per (stage, currency) of live opportunities in the scope matching the filter. */
export async function sumOpportunitiesByStage(ctx: Ctx, scope: OwnerScope, filter: BoardFilter): Promise<StageCurrencyRow[]> {
  let query = boardDb(ctx).selectFrom('opportunities').where('deleted_at', 'is', null).where(opportunityScopeCondition(scope));
  if (filter.q !== undefined) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.closeDateFrom !== undefined) query = query.where('close_date', '>=', filter.closeDateFrom);
  if (filter.closeDateBefore !== undefined) query = query.where('close_date', '<', filter.closeDateBefore);
  return query
    .select(['stage_key', 'currency', sql<string>`count(*)`.as('count'), sql<string>`sum(amount_minor)`.as('total_minor')])
    .groupBy(['stage_key', 'currency'])
    .orderBy('stage_key').orderBy('currency')
    .execute();
}

export async function findAccountNames(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await boardDb(ctx).selectFrom('accounts').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findUserNames(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await boardDb(ctx).selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** Users whose records the scope shows (at most `limit`), for an owner filter. */
export async function findOwnerOptions(ctx: Ctx, scope: OwnerScope, limit: number) {
  let query = boardDb(ctx).selectFrom('users').select(['id', 'display_name']).where('disabled_at', 'is', null);
  if (scope.kind === 'owners') query = query.where('id', 'in', [...scope.ownerUserIds]);
  return query.orderBy(sql`lower(display_name)`).orderBy('id').limit(limit).execute();
}

export type FunnelRow = { leads: string; mqls: string; sqls: string; opportunities: string; won: string };

/** Cumulative funnel counts, as the lead-conversion metric defines them (docs/metrics.md "Lead funnel"). */
export async function countLeadFunnel(ctx: Ctx, scope: OwnerScope, filter: { ownerUserId?: string; createdFrom?: Date; createdBefore?: Date }): Promise<FunnelRow> {
  let query = boardDb(ctx).selectFrom('leads').where('leads.deleted_at', 'is', null).where(ownerCondition(scope, 'leads.owner_user_id'));
  if (filter.ownerUserId !== undefined) query = query.where('leads.owner_user_id', '=', filter.ownerUserId);
  if (filter.createdFrom !== undefined) query = query.where('leads.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('leads.created_at', '<', filter.createdBefore);
  const wonOpportunity = sql<SqlBool>`exists (select 1 from opportunities o where o.id = leads.converted_opportunity_id and o.won and o.deleted_at is null)`;
  return query
    .select([
      sql<string>`count(*)`.as('leads'),
      sql<string>`count(*) filter (where leads.mql_at is not null or leads.sql_at is not null or leads.converted_at is not null)`.as('mqls'),
      sql<string>`count(*) filter (where leads.sql_at is not null or leads.converted_at is not null)`.as('sqls'),
      sql<string>`count(*) filter (where leads.converted_opportunity_id is not null)`.as('opportunities'),
      sql<string>`count(*) filter (where ${wonOpportunity})`.as('won'),
    ])
    .executeTakeFirstOrThrow();
}
