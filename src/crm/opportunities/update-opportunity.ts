import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { toStage } from '../pipeline/repo.ts';
import { assertSourcePair } from '../account-rules.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { applyChanges, changedColumns, fieldsOf, toColumns } from './fields.ts';
import { assertAccountUsable, assertCampaignUsable, requireStage } from './opportunity-rules.ts';
import { moveStageRow } from './repo-history.ts';
import { getOpportunityRowAndStageForUpdate, toOpportunity, updateOpportunityRow, versionConflict } from './repo.ts';
import { updateOpportunitySchema, type Opportunity, type UpdateOpportunityInput } from './schema.ts';
import { assertOpportunityWritable } from './scope.ts';
import { resolveStageState } from './stage-rules.ts';

export type UpdateOpportunityRequest = { id: string; expectedVersion: number; changes: UpdateOpportunityInput };

/**
 * Partial update based on `expectedVersion` (409 with currentVersion otherwise). A change of stage
 * closes the current stage-history row and opens the next one in the same transaction. A request
 * that changes nothing writes nothing.
 */
export async function updateOpportunity(ctx: Ctx, request: UpdateOpportunityRequest): Promise<Opportunity> {
  const changes = parseInput(updateOpportunitySchema, request.changes);
  const scope = await ownerScope(ctx);
  const customFields = changes.customFields === undefined
    ? undefined
    : await validateCustomFields(ctx, 'opportunity', changes.customFields, { partial: false });
  return inTransaction(ctx, async (tx) => {
    // The stage the write will be in is the named one or the current one; read with the row.
    const { row: before, stage: stageRow } = await getOpportunityRowAndStageForUpdate(tx, scope, request.id, changes.stage);
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    assertOpportunityWritable(scope, before);
    const previous = fieldsOf(before);
    const next = applyChanges(previous, changes, customFields);
    const now = new Date(tx.clock.now().epochMilliseconds);
    assert(next.stage === (stageRow?.key ?? next.stage), `opportunity ${before.id}: the stage read is not the stage written`);
    const stage = await requireStage(tx, stageRow === null ? null : toStage(stageRow), next.stage);
    const state = resolveStageState({ stage, previous: { stageKey: previous.stage, state: previous }, explicit: changes, now });
    const fields = { ...next, ...state };
    const changed = changedColumns(toColumns(previous), toColumns(fields));
    if (Object.keys(changed).length === 0) return toOpportunity(before);
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    if ('account_id' in changed) await assertAccountUsable(tx, scope, fields.accountId);
    if (changed.campaign_id) await assertCampaignUsable(tx, changed.campaign_id);
    assertSourcePair(fields);
    const after = await updateOpportunityRow(tx, before, { ...changed, updated_at: now }, 'update');
    if ('stage_key' in changed) {
      const { amount } = fields;
      await moveStageRow(tx, now, { opportunity_id: before.id, stage_key: stage.key, amount_minor: amount.amountMinor, currency: amount.currency, actor_id: tx.actor.id });
    }
    return toOpportunity(after);
  });
}
