import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertSourcePair, defaultOwnerId } from '../account-rules.ts';
import { nowOf } from '../contacts/record-writes.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertDatesOrdered, assertOneCurrency, assertParentCampaignUsable } from './campaign-rules.ts';
import { insertCampaign, toCampaign, toCampaignColumns } from './repo.ts';
import { createCampaignSchema, type Campaign, type CreateCampaignInput } from './schema.ts';

export async function createCampaign(ctx: Ctx, input: CreateCampaignInput): Promise<Campaign> {
  const { ownerUserId, ...rest } = parseInput(createCampaignSchema, input);
  const fields = { ...rest, ownerUserId: ownerUserId === undefined ? defaultOwnerId(ctx.actor) : ownerUserId };
  assertSourcePair(fields);
  assertOneCurrency(fields);
  assertDatesOrdered(fields);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, fields.ownerUserId);
  return inTransaction(ctx, async (tx) => {
    if (fields.parentCampaignId !== null) await assertParentCampaignUsable(tx, fields.parentCampaignId);
    const now = nowOf(tx);
    const row = await insertCampaign(tx, { id: newId('cmp'), ...toCampaignColumns(fields), created_at: now, updated_at: now });
    return toCampaign(row);
  });
}
