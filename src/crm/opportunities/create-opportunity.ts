import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { money } from '../../shared/money.ts';
import { assertSourcePair, defaultOwnerId } from '../account-rules.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { toColumns } from './fields.ts';
import { assertAccountUsable, assertCampaignUsable, resolveStage } from './opportunity-rules.ts';
import { insertStageRows } from './repo-history.ts';
import { insertOpportunity, toOpportunity } from './repo.ts';
import { createOpportunitySchema, type CreateOpportunityInput, type Opportunity } from './schema.ts';
import { resolveStageState } from './stage-rules.ts';

/** Creates an opportunity and opens its first stage-history row, in one transaction. */
export async function createOpportunity(ctx: Ctx, input: CreateOpportunityInput): Promise<Opportunity> {
  const parsed = parseInput(createOpportunitySchema, input);
  const ownerUserId = parsed.ownerUserId === undefined ? defaultOwnerId(ctx.actor) : parsed.ownerUserId;
  assertSourcePair(parsed);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, ownerUserId);
  const customFields = await validateCustomFields(ctx, 'opportunity', parsed.customFields, { partial: false });
  const amount = money(parsed.amount.amountMinor, parsed.amount.currency);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, scope, parsed.accountId);
    if (parsed.campaignId !== null) await assertCampaignUsable(tx, parsed.campaignId);
    const stage = await resolveStage(tx, parsed.stage);
    const state = resolveStageState({ stage, previous: null, explicit: parsed, now });
    const id = newId('opp');
    const columns = toColumns({ ...parsed, ...state, ownerUserId, customFields, amount, stage: stage.key });
    const row = await insertOpportunity(tx, { id, ...columns, created_at: now, updated_at: now });
    await insertStageRows(tx, [
      { opportunity_id: id, stage_key: stage.key, entered_at: now, left_at: null, amount_minor: amount.amountMinor, currency: amount.currency, actor_id: tx.actor.id },
    ]);
    return toOpportunity(row);
  });
}
