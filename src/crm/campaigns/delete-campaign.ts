import { inTransaction, type Ctx } from '../../shared/context.ts';
import { ruleViolated } from '../../shared/errors.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { assertCampaignWritable } from './campaign-rules.ts';
import { countLiveChildCampaigns, getCampaignRow, updateCampaignRow } from './repo.ts';

/**
 * Soft delete. Refused while live sub-campaigns point at it (as for accounts). Members and the
 * leads that name it keep their rows: attribution history outlives the campaign.
 */
export async function deleteCampaign(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getCampaignRow(tx, request.id, 'update');
    assertCampaignWritable(scope, before);
    assertVersion('Campaign', before, request.expectedVersion);
    const childCount = await countLiveChildCampaigns(tx, before.id);
    if (childCount > 0) throw ruleViolated(`Campaign ${before.id} has ${childCount} sub-campaign(s); delete or re-parent them first`, { childCount });
    const now = nowOf(tx);
    await updateCampaignRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}
