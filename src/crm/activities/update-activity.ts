import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertSourcePair } from '../account-rules.ts';
import { assertVersion, changedValues, definedOnly, nowOf } from '../contacts/record-writes.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertLinksUsable, settleTiming } from './activity-rules.ts';
import { getActivityRow, toActivity, toActivityColumns, updateActivityRow } from './repo.ts';
import { updateActivitySchema, type Activity, type ActivityFields, type ActivityRow, type UpdateActivityInput } from './schema.ts';

export type UpdateActivityRequest = { id: string; expectedVersion: number; changes: UpdateActivityInput };

/** Partial update on `expectedVersion`; completing a task stamps occurredAt (see settleTiming). */
export async function updateActivity(ctx: Ctx, request: UpdateActivityRequest): Promise<Activity> {
  const changes = parseInput(updateActivitySchema, request.changes);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getActivityRow(tx, scope, request.id, 'update');
    assertVersion('Activity', before, request.expectedVersion);
    const merged: ActivityFields = { ...activityFieldsOf(before), ...definedOnly(changes) };
    const fields = settleTiming(merged, changes.occurredAt !== undefined && changes.occurredAt !== null, nowOf(tx));
    const changed = changedValues(toActivityColumns(activityFieldsOf(before)), toActivityColumns(fields));
    if (Object.keys(changed).length === 0) return toActivity(before);
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    await assertLinksUsable(tx, scope, {
      ...('account_id' in changed ? { accountId: fields.accountId } : {}),
      ...('contact_id' in changed ? { contactId: fields.contactId } : {}),
      ...('lead_id' in changed ? { leadId: fields.leadId } : {}),
      ...('opportunity_id' in changed ? { opportunityId: fields.opportunityId } : {}),
    });
    assertSourcePair(fields);
    const after = await updateActivityRow(tx, before, { ...changed, updated_at: nowOf(tx) }, 'update');
    return toActivity(after);
  });
}

function activityFieldsOf(row: ActivityRow): ActivityFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...fields } = toActivity(row);
  return fields;
}
