import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertSourcePair, defaultOwnerId } from '../account-rules.ts';
import { nowOf } from '../contacts/record-writes.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertLinksUsable, settleTiming } from './activity-rules.ts';
import { insertActivity, toActivity, toActivityColumns } from './repo.ts';
import { createActivitySchema, type Activity, type CreateActivityInput } from './schema.ts';

export async function createActivity(ctx: Ctx, input: CreateActivityInput): Promise<Activity> {
  const { ownerUserId, ...rest } = parseInput(createActivitySchema, input);
  const owner = ownerUserId === undefined ? defaultOwnerId(ctx.actor) : ownerUserId;
  const fields = settleTiming({ ...rest, ownerUserId: owner }, rest.occurredAt !== null, nowOf(ctx));
  assertSourcePair(fields);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, fields.ownerUserId);
  return inTransaction(ctx, async (tx) => {
    await assertLinksUsable(tx, scope, fields);
    const now = nowOf(tx);
    const row = await insertActivity(tx, { id: newId('act'), ...toActivityColumns(fields), created_at: now, updated_at: now });
    return toActivity(row);
  });
}
