import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertVersion } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { deleteMemberRow, getMemberRow } from './members-repo.ts';

/** Removes a membership the actor can see (its lead or contact is visible); needs its version. */
export async function removeCampaignMember(ctx: Ctx, request: { campaignId: string; memberId: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getMemberRow(tx, scope, request.campaignId, request.memberId, 'update');
    assertVersion('Campaign member', { id: `${before.campaign_id}/${before.member_id}`, version: before.version }, request.expectedVersion);
    await deleteMemberRow(tx, before);
  });
}
