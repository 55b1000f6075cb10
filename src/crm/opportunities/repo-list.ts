import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { afterPosition, escapeLike, sortKeys, type KeysetPosition, type SortKey } from './keyset.ts';
import { opportunityDb } from './repo.ts';
import type { OpportunitySort, OpportunityStatus } from './schema.ts';
import { opportunityScopeCondition } from './scope.ts';
import type { OpportunityRow, OpportunityType } from './tables.ts';

export type OpportunityFilter = {
  q?: string;
  accountId?: string;
  ownerUserId?: string;
  stage?: string;
  type?: OpportunityType;
  status?: OpportunityStatus;
  closeDateFrom?: string;
  closeDateBefore?: string;
  currency?: string;
  amountMinorMin?: number;
  amountMinorMax?: number;
};

export const OPPORTUNITY_SORT_KEYS: Record<OpportunitySort, SortKey> = {
  name: sortKeys.text('opportunities.name'),
  closeDate: sortKeys.date('opportunities.close_date'),
  amount: sortKeys.integer('opportunities.amount_minor'),
  createdAt: sortKeys.instant('opportunities.created_at'),
};

/** The row's value in the form the cursor carries it (decodePosition checks it comes back so). */
export function sortValueOf(sort: OpportunitySort, row: OpportunityRow): string {
  switch (sort) {
    case 'name': return row.name;
    case 'closeDate': return row.close_date;
    case 'amount': return row.amount_minor.toString();
    case 'createdAt': return row.created_at.toISOString();
  }
}

const STATUS_CONDITIONS: Record<OpportunityStatus, ReturnType<typeof sql<SqlBool>>> = {
  open: sql<SqlBool>`opportunities.closed_at is null`,
  won: sql<SqlBool>`opportunities.won`,
  lost: sql<SqlBool>`(opportunities.closed_at is not null and not opportunities.won)`,
};

/** One keyset page of live opportunities in the scope: rows after `after` in (sort key, id) order. */
export async function findOpportunityRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: OpportunityFilter,
  order: { sort: OpportunitySort; direction: 'asc' | 'desc' },
  page: { limit: number; after: KeysetPosition | null },
): Promise<OpportunityRow[]> {
  const sortKey = OPPORTUNITY_SORT_KEYS[order.sort];
  let query = opportunityDb(ctx).selectFrom('opportunities').selectAll().where('deleted_at', 'is', null).where(opportunityScopeCondition(scope));
  if (filter.q !== undefined) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.stage !== undefined) query = query.where('stage_key', '=', filter.stage);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.status !== undefined) query = query.where(STATUS_CONDITIONS[filter.status]);
  if (filter.closeDateFrom !== undefined) query = query.where('close_date', '>=', filter.closeDateFrom);
  if (filter.closeDateBefore !== undefined) query = query.where('close_date', '<', filter.closeDateBefore);
  if (filter.currency !== undefined) query = query.where('currency', '=', filter.currency);
  if (filter.amountMinorMin !== undefined) query = query.where('amount_minor', '>=', BigInt(filter.amountMinorMin));
  if (filter.amountMinorMax !== undefined) query = query.where('amount_minor', '<=', BigInt(filter.amountMinorMax));
  if (page.after) query = query.where(afterPosition(sortKey, 'opportunities.id', page.after, order.direction));
  return query.orderBy(sortKey.key, order.direction).orderBy('opportunities.id', order.direction).limit(page.limit).execute();
}
