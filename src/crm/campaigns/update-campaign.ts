import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertSourcePair } from '../account-rules.ts';
import { assertVersion, changedValues, definedOnly, nowOf } from '../contacts/record-writes.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertCampaignWritable, assertDatesOrdered, assertOneCurrency, assertParentCampaignUsable } from './campaign-rules.ts';
import { getCampaignRow, lockCampaignHierarchy, toCampaign, toCampaignColumns, updateCampaignRow } from './repo.ts';
import { updateCampaignSchema, type Campaign, type CampaignFields, type CampaignRow, type UpdateCampaignInput } from './schema.ts';

export type UpdateCampaignRequest = { id: string; expectedVersion: number; changes: UpdateCampaignInput };

/** Partial update on `expectedVersion`; a request that changes nothing writes nothing. */
export async function updateCampaign(ctx: Ctx, request: UpdateCampaignRequest): Promise<Campaign> {
  const changes = parseInput(updateCampaignSchema, request.changes);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    if (changes.parentCampaignId !== undefined) await lockCampaignHierarchy(tx);
    const before = await getCampaignRow(tx, request.id, 'update');
    assertCampaignWritable(scope, before);
    assertVersion('Campaign', before, request.expectedVersion);
    const fields: CampaignFields = { ...campaignFieldsOf(before), ...definedOnly(changes) };
    assertOneCurrency(fields);
    const changed = changedValues(toCampaignColumns(campaignFieldsOf(before)), toCampaignColumns(fields));
    if (Object.keys(changed).length === 0) return toCampaign(before);
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    if (changed.parent_campaign_id) await assertParentCampaignUsable(tx, changed.parent_campaign_id, before.id);
    assertSourcePair(fields);
    assertDatesOrdered(fields);
    const after = await updateCampaignRow(tx, before, { ...changed, updated_at: nowOf(tx) }, 'update');
    return toCampaign(after);
  });
}

function campaignFieldsOf(row: CampaignRow): CampaignFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...fields } = toCampaign(row);
  return fields;
}
