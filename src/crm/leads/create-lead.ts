import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertSourcePair, defaultOwnerId } from '../account-rules.ts';
import { nowOf } from '../contacts/record-writes.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertCampaignUsable, assertLeadEmailFree, assertLeadIdentified, enteredStageTimestamps, isOpenStage, resolveLeadStatus } from './lead-rules.ts';
import { insertLead, toLead, toLeadColumns } from './repo.ts';
import { createLeadSchema, type CreateLeadInput, type Lead } from './schema.ts';

/**
 * Creates a lead in the given or default status, with the stage timestamp of that status (a lead
 * created as MQL has mql_at = now). 409 `conflict` (with existingLeadId) when an open lead has
 * the e-mail.
 */
export async function createLead(ctx: Ctx, input: CreateLeadInput): Promise<Lead> {
  const { ownerUserId, status: statusKey, ...parsed } = parseInput(createLeadSchema, input);
  const rest = { ...parsed, customFields: await validateCustomFields(ctx, 'lead', parsed.customFields, { partial: false }) };
  const owner = ownerUserId === undefined ? defaultOwnerId(ctx.actor) : ownerUserId;
  assertSourcePair(rest);
  assertLeadIdentified(rest);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, owner);
  return inTransaction(ctx, async (tx) => {
    const status = await resolveLeadStatus(tx, statusKey);
    const fields = { ...rest, ownerUserId: owner, status: status.key };
    if (fields.campaignId !== null) await assertCampaignUsable(tx, fields.campaignId);
    if (isOpenStage(status.stage)) await assertLeadEmailFree(tx, fields.email);
    const now = nowOf(tx);
    const row = await insertLead(tx, {
      id: newId('lead'),
      ...toLeadColumns(fields),
      stage: status.stage,
      ...enteredStageTimestamps(null, status.stage, now),
      created_at: now,
      updated_at: now,
    });
    return toLead(row);
  });
}
