import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { assertAfterClosedPeriods } from './closed-period-guard.ts';
import { toItemChanges } from './item-input.ts';
import { planItemChanges, type ItemChange } from './item-versions.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import {
  assertExpectedVersion, auditSubscription, getSubscriptionRow, loadSubscriptionDetail, updateSubscriptionRow, writeVersionPlan,
} from './subscription-repo.ts';
import { changeDirection } from './change-direction.ts';
import { laterDate } from './date-spans.ts';
import { ruleError } from './field-errors.ts';
import { assertInService, periodEndDate } from './subscription-rules.ts';
import { changeSubscriptionItemsSchema, type ChangeSubscriptionItemsInput, type SubscriptionDetail } from './subscription-schema.ts';

export type ChangeSubscriptionItemsRequest = ChangeSubscriptionItemsInput & { id: string; expectedVersion?: number };

/**
 * New, upgrade, downgrade, quantity change or removal of items from `effectiveDate`: each changed
 * item's current version is closed on that date and a new version opens on it (item-versions.ts
 * has the rules). The subscription's version goes up, so its ETag changes with its items. Without
 * an effective date, the downgrade policy decides it (effectiveDateFor).
 */
export async function changeSubscriptionItems(ctx: Ctx, request: ChangeSubscriptionItemsRequest): Promise<SubscriptionDetail> {
  const { id, expectedVersion, ...body } = request;
  const parsed = parseInput(changeSubscriptionItemsSchema, body);
  const today = toIsoDate(ctx.clock.today());
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await getSubscriptionRow(tx, scope, id, true);
    assertExpectedVersion(row, expectedVersion);
    const before = await loadSubscriptionDetail(tx, row);
    const changes = toItemChanges(parsed.changes, row.currency, 'body.changes');
    const effectiveDate = parsed.effectiveDate ?? effectiveDateFor(before, changes, today, parsed.downgrade ?? 'at_period_end');
    assertInService(before, effectiveDate, 'body.effectiveDate');
    await assertAfterClosedPeriods(tx, [{ date: effectiveDate, field: 'body.effectiveDate' }]);
    const plan = planItemChanges(before.itemVersions, changes, effectiveDate);
    await writeVersionPlan(tx, row, plan, effectiveDate);
    return auditSubscription(tx, 'change_items', before, await updateSubscriptionRow(tx, row, {}));
  });
}

/**
 * Issue #5: "downgrade (policy: immediately or at period end, default at period end)". A change that
 * raises (or keeps) what the subscription bills takes effect today; one that lowers it at the end of
 * the current billing period, or today when asked for immediately. One that does both has no single
 * right day: the caller gives the date (or splits the change).
 */
function effectiveDateFor(before: SubscriptionDetail, changes: readonly ItemChange[], today: string, policy: 'at_period_end' | 'immediately'): string {
  const from = laterDate(today, before.startDate);
  const periodEnd = periodEndDate(before, from);
  // Classified on the plan at the period end: the terms compared do not depend on the day.
  const direction = changeDirection(planItemChanges(before.itemVersions, changes, periodEnd), before.currency);
  if (direction === 'mixed') {
    throw ruleError('body.effectiveDate', 'this change raises one item and lowers another: give the effective date, or send the upgrade and the downgrade apart');
  }
  return direction === 'down' && policy === 'at_period_end' ? periodEnd : from;
}
