import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { containsPattern, instantSort, keysetCondition, lowerTextSort, type Direction, type KeysetAfter, type SortKey } from '../contacts/keyset.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import { leadsDb } from './repo.ts';
import type { LeadRow, LeadSort, LeadStage } from './schema.ts';

export type LeadFilter = {
  q?: string; ownerUserId?: string; status?: string; stage?: LeadStage; campaignId?: string; source?: string; email?: string;
  createdFrom?: Date; createdBefore?: Date;
};

export const LEAD_SORT_KEYS: Record<LeadSort, SortKey<LeadRow>> = {
  name: lowerTextSort(
    sql`coalesce(leads.last_name, '') || ' ' || coalesce(leads.first_name, '')`,
    (row) => `${row.last_name ?? ''} ${row.first_name ?? ''}`,
  ),
  company: lowerTextSort(sql`coalesce(leads.company, '')`, (row) => row.company ?? ''),
  createdAt: instantSort('leads.created_at', (row) => row.created_at),
  updatedAt: instantSort('leads.updated_at', (row) => row.updated_at),
};

export async function findLeadRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: LeadFilter,
  order: { sort: LeadSort; direction: Direction },
  page: { limit: number; after: KeysetAfter | null },
): Promise<LeadRow[]> {
  const sortKey = LEAD_SORT_KEYS[order.sort];
  let query = leadsDb(ctx).selectFrom('leads').selectAll().where('deleted_at', 'is', null).where(ownerCondition(scope, 'leads.owner_user_id'));
  if (filter.q !== undefined) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('first_name', 'ilike', pattern),
        eb('last_name', 'ilike', pattern),
        eb('email', 'ilike', pattern),
        eb('company', 'ilike', pattern),
        eb(sql<string>`coalesce(leads.first_name, '') || ' ' || coalesce(leads.last_name, '')`, 'ilike', pattern),
      ]),
    );
  }
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.stage !== undefined) query = query.where('stage', '=', filter.stage);
  if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId);
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  if (filter.email !== undefined) query = query.where('email', '=', filter.email);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  if (page.after) query = query.where(keysetCondition(sortKey, 'leads.id', order.direction, page.after));
  return query.orderBy(sortKey.key, order.direction).orderBy('leads.id', order.direction).limit(page.limit).execute();
}
