import type { Ctx } from '../../shared/context.ts';
import { toInstantDate } from '../shared-fields.ts';
import { decodeKeyset, keysetPage } from '../contacts/keyset.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { CAMPAIGN_SORT_KEYS, findCampaignRows } from './repo-list.ts';
import { toCampaign } from './repo.ts';
import { listCampaignsQuerySchema, type Campaign, type ListCampaignsQuery } from './schema.ts';

export type CampaignPage = { data: Campaign[]; nextCursor: string | null };

/** Keyset pages over live campaigns (not owner-scoped; see repo.ts). */
export async function listCampaigns(ctx: Ctx, query: ListCampaignsQuery): Promise<CampaignPage> {
  const { limit, cursor, sort, order, createdFrom, createdBefore, ...filter } = parseInput(listCampaignsQuerySchema, query, 'querystring');
  const direction = order ?? (sort === 'name' ? 'asc' : 'desc');
  const sortKey = CAMPAIGN_SORT_KEYS[sort];
  const range = {
    ...(createdFrom !== undefined ? { createdFrom: toInstantDate(createdFrom) } : {}),
    ...(createdBefore !== undefined ? { createdBefore: toInstantDate(createdBefore) } : {}),
  };
  const rows = await findCampaignRows(ctx, { ...filter, ...range }, { sort, direction }, { limit: limit + 1, after: decodeKeyset(sortKey, cursor) });
  return keysetPage(rows, limit, sortKey, toCampaign);
}
