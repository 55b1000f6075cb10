import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { getMemberRow, toMember, updateMemberRow } from './members-repo.ts';
import { RESPONDED_STATUSES, updateMemberSchema, type CampaignMember, type UpdateMemberInput } from './members-schema.ts';

export type UpdateMemberRequest = { campaignId: string; memberId: string; expectedVersion: number; changes: UpdateMemberInput };

/**
 * Moves a member to another status. The first responding status stamps first_responded_at, which
 * later statuses (even unsubscribed) never clear: response counts stay stable.
 */
export async function updateCampaignMember(ctx: Ctx, request: UpdateMemberRequest): Promise<CampaignMember> {
  const { status } = parseInput(updateMemberSchema, request.changes);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getMemberRow(tx, scope, request.campaignId, request.memberId, 'update');
    assertVersion('Campaign member', { id: `${before.campaign_id}/${before.member_id}`, version: before.version }, request.expectedVersion);
    if (status === before.status) return toMember(before);
    const now = nowOf(tx);
    const responded = before.first_responded_at === null && RESPONDED_STATUSES.includes(status) ? { first_responded_at: now } : {};
    return toMember(await updateMemberRow(tx, before, { status, ...responded, updated_at: now }));
  });
}
