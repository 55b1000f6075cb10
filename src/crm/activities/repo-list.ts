import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { containsPattern, instantSort, isIsoInstant, keysetCondition, lowerTextSort, type Direction, type KeysetAfter, type SortKey } from '../contacts/keyset.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { activitiesDb, activityVisible } from './repo.ts';
import type { ActivityRow, ActivitySort, ActivityType, TaskStatus } from './schema.ts';

export type ActivityFilter = {
  q?: string; ownerUserId?: string; accountId?: string; contactId?: string; leadId?: string; opportunityId?: string;
  type?: ActivityType; status?: TaskStatus; occurredFrom?: Date; occurredBefore?: Date; dueFrom?: string; dueBefore?: string;
  createdFrom?: Date; createdBefore?: Date;
};

/** Open tasks have no occurred_at yet; as 'infinity' they head a newest-first timeline. */
export const ACTIVITY_SORT_KEYS: Record<ActivitySort, SortKey<ActivityRow>> = {
  occurredAt: {
    key: sql`coalesce(activities.occurred_at, 'infinity'::timestamptz)`,
    bound: (value) => sql`cast(${value} as timestamptz)`,
    valueOf: (row) => row.occurred_at?.toISOString() ?? 'infinity',
    accepts: (value) => value === 'infinity' || isIsoInstant(value),
  },
  subject: lowerTextSort(sql`activities.subject`, (row) => row.subject),
  createdAt: instantSort('activities.created_at', (row) => row.created_at),
  updatedAt: instantSort('activities.updated_at', (row) => row.updated_at),
};

export async function findActivityRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: ActivityFilter,
  order: { sort: ActivitySort; direction: Direction },
  page: { limit: number; after: KeysetAfter | null },
): Promise<ActivityRow[]> {
  const sortKey = ACTIVITY_SORT_KEYS[order.sort];
  let query = activitiesDb(ctx).selectFrom('activities').selectAll().where('deleted_at', 'is', null).where(activityVisible(scope));
  if (filter.q !== undefined) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('subject', 'ilike', pattern), eb('description', 'ilike', pattern)]));
  }
  for (const [column, value] of [
    ['owner_user_id', filter.ownerUserId], ['account_id', filter.accountId], ['contact_id', filter.contactId],
    ['lead_id', filter.leadId], ['opportunity_id', filter.opportunityId], ['type', filter.type], ['status', filter.status],
  ] as const) {
    if (value !== undefined) query = query.where(column, '=', value);
  }
  if (filter.occurredFrom !== undefined) query = query.where('occurred_at', '>=', filter.occurredFrom);
  if (filter.occurredBefore !== undefined) query = query.where('occurred_at', '<', filter.occurredBefore);
  if (filter.dueFrom !== undefined) query = query.where('due_date', '>=', filter.dueFrom);
  if (filter.dueBefore !== undefined) query = query.where('due_date', '<', filter.dueBefore);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  if (page.after) query = query.where(keysetCondition(sortKey, 'activities.id', order.direction, page.after));
  return query.orderBy(sortKey.key, order.direction).orderBy('activities.id', order.direction).limit(page.limit).execute();
}
