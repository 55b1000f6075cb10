import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { containsPattern, instantSort, keysetCondition, lowerTextSort, type Direction, type KeysetAfter, type SortKey } from '../contacts/keyset.ts';
import { campaignsDb } from './repo.ts';
import type { CampaignRow, CampaignSort, CampaignStatus, CampaignType } from './schema.ts';

export type CampaignFilter = {
  q?: string; ownerUserId?: string; type?: CampaignType; status?: CampaignStatus; parentCampaignId?: string; createdFrom?: Date; createdBefore?: Date;
};

export const CAMPAIGN_SORT_KEYS: Record<CampaignSort, SortKey<CampaignRow>> = {
  name: lowerTextSort(sql`campaigns.name`, (row) => row.name),
  createdAt: instantSort('campaigns.created_at', (row) => row.created_at),
  updatedAt: instantSort('campaigns.updated_at', (row) => row.updated_at),
};

export async function findCampaignRows(
  ctx: Ctx,
  filter: CampaignFilter,
  order: { sort: CampaignSort; direction: Direction },
  page: { limit: number; after: KeysetAfter | null },
): Promise<CampaignRow[]> {
  const sortKey = CAMPAIGN_SORT_KEYS[order.sort];
  let query = campaignsDb(ctx).selectFrom('campaigns').selectAll().where('deleted_at', 'is', null);
  if (filter.q !== undefined) query = query.where('name', 'ilike', containsPattern(filter.q));
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.parentCampaignId !== undefined) query = query.where('parent_campaign_id', '=', filter.parentCampaignId);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  if (page.after) query = query.where(keysetCondition(sortKey, 'campaigns.id', order.direction, page.after));
  return query.orderBy(sortKey.key, order.direction).orderBy('campaigns.id', order.direction).limit(page.limit).execute();
}
