import type { Ctx } from '../../shared/context.ts';
import { toPage } from '../../shared/http/pagination.ts';
import { decodeKeyset } from '../contacts/keyset.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findMemberRows, MEMBER_SORT_KEY, toMember } from './members-repo.ts';
import { listMembersQuerySchema, type CampaignMember, type ListMembersQuery } from './members-schema.ts';
import { getCampaignRow } from './repo.ts';

export type MemberPage = { data: CampaignMember[]; nextCursor: string | null };

/** Members of a live campaign, newest first; reps see the members whose lead or contact they can see. */
export async function listCampaignMembers(ctx: Ctx, request: { campaignId: string } & ListMembersQuery): Promise<MemberPage> {
  const { campaignId, ...query } = request;
  const { limit, cursor, responded, ...filter } = parseInput(listMembersQuerySchema, query, 'querystring');
  await getCampaignRow(ctx, campaignId);
  const after = decodeKeyset(MEMBER_SORT_KEY, cursor);
  const rows = await findMemberRows(ctx, await ownerScope(ctx), campaignId, { ...filter, ...(responded !== undefined ? { responded: responded === 'true' } : {}) }, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: MEMBER_SORT_KEY.valueOf(row), id: row.member_id }), toMember);
}
