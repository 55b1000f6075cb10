import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { assertSourcePair } from '../account-rules.ts';
import { assertVersion, changedValues, definedOnly, nowOf } from '../contacts/record-writes.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertCampaignUsable, assertLeadEmailFree, assertLeadIdentified, enteredStageTimestamps, isOpenStage, resolveLeadStatus } from './lead-rules.ts';
import { getLeadRow, toLead, toLeadColumns, updateLeadRow, type LeadDerivedColumns } from './repo.ts';
import { updateLeadSchema, type Lead, type LeadFields, type LeadRow, type UpdateLeadInput } from './schema.ts';

export type UpdateLeadRequest = { id: string; expectedVersion: number; changes: UpdateLeadInput };

/**
 * Partial update on `expectedVersion`. A status change moves the lead to that status's stage,
 * stamps the stage on first entry, and appends a history row. A lead that is (re)opened, or an
 * open lead with a new e-mail, is deduped like a new one.
 */
export async function updateLead(ctx: Ctx, request: UpdateLeadRequest): Promise<Lead> {
  const parsed = parseInput(updateLeadSchema, request.changes);
  const changes = parsed.customFields === undefined
    ? parsed
    : { ...parsed, customFields: await validateCustomFields(ctx, 'lead', parsed.customFields, { partial: false }) };
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getLeadRow(tx, scope, request.id, 'update');
    assertVersion('Lead', before, request.expectedVersion);
    const fields: LeadFields = { ...leadFieldsOf(before), ...definedOnly(changes) };
    const changed = changedValues(toLeadColumns(leadFieldsOf(before)), toLeadColumns(fields));
    if (Object.keys(changed).length === 0) return toLead(before);
    const now = nowOf(tx);
    const derived: LeadDerivedColumns = changed.status === undefined ? {} : await statusChange(tx, before, changed.status, now);
    const stage = derived.stage ?? before.stage;
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    if (changed.campaign_id) await assertCampaignUsable(tx, changed.campaign_id);
    const reopened = !isOpenStage(before.stage) && isOpenStage(stage);
    if (isOpenStage(stage) && ('email' in changed || reopened)) await assertLeadEmailFree(tx, fields.email, before.id);
    assertSourcePair(fields);
    assertLeadIdentified(fields);
    const after = await updateLeadRow(tx, before, { ...changed, ...derived, updated_at: now }, 'update');
    return toLead(after);
  });
}

/** A converted lead keeps its status: its account and contact links would otherwise dangle. */
async function statusChange(tx: TxCtx, before: LeadRow, key: string, now: Date): Promise<LeadDerivedColumns> {
  if (before.stage === 'converted') {
    throw new AppError('business_rule_violated', `Lead ${before.id} is converted; its status can no longer change`, {
      fieldErrors: [{ field: 'body.status', message: 'the lead is converted' }],
    });
  }
  const status = await resolveLeadStatus(tx, key);
  return { stage: status.stage, ...enteredStageTimestamps(before, status.stage, now) };
}

export function leadFieldsOf(row: LeadRow): LeadFields {
  const lead = toLead(row);
  return {
    company: lead.company, firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone,
    title: lead.title, country: lead.country, source: lead.source, campaignId: lead.campaignId, status: lead.status,
    ownerUserId: lead.ownerUserId, customFields: lead.customFields, sourceSystem: lead.sourceSystem, externalId: lead.externalId,
  };
}
