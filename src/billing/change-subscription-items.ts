import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { assertAfterClosedPeriods } from './closed-period-guard.ts';
import { toItemChanges } from './item-input.ts';
import { planItemChanges } from './item-versions.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import {
  assertExpectedVersion, auditSubscription, getSubscriptionRow, loadSubscriptionDetail, updateSubscriptionRow, writeVersionPlan,
} from './subscription-repo.ts';
import { assertInService } from './subscription-rules.ts';
import { changeSubscriptionItemsSchema, type ChangeSubscriptionItemsInput, type SubscriptionDetail } from './subscription-schema.ts';

export type ChangeSubscriptionItemsRequest = ChangeSubscriptionItemsInput & { id: string; expectedVersion?: number };

/**
 * New, upgrade, downgrade, quantity change or removal of items from `effectiveDate`: each changed
 * item's current version is closed on that date and a new version opens on it (item-versions.ts
 * has the rules). The subscription's version goes up, so its ETag changes with its items.
 */
export async function changeSubscriptionItems(ctx: Ctx, request: ChangeSubscriptionItemsRequest): Promise<SubscriptionDetail> {
  const { id, expectedVersion, ...body } = request;
  const parsed = parseInput(changeSubscriptionItemsSchema, body);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await getSubscriptionRow(tx, scope, id, true);
    assertExpectedVersion(row, expectedVersion);
    const before = await loadSubscriptionDetail(tx, row);
    assertInService(before, parsed.effectiveDate, 'body.effectiveDate');
    await assertAfterClosedPeriods(tx, [{ date: parsed.effectiveDate, field: 'body.effectiveDate' }]);
    const changes = toItemChanges(parsed.changes, row.currency, 'body.changes');
    const plan = planItemChanges(before.itemVersions, changes, parsed.effectiveDate);
    await writeVersionPlan(tx, row, plan, parsed.effectiveDate);
    return auditSubscription(tx, 'change_items', before, await updateSubscriptionRow(tx, row, {}));
  });
}
