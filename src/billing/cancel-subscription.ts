import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { publishEvent } from '../shared/events/index.ts';
import { assertAfterClosedPeriods } from './closed-period-guard.ts';
import { laterDate } from './date-spans.ts';
import { nowOf } from './billing-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import {
  assertExpectedVersion, auditSubscription, getSubscriptionRow, loadSubscriptionDetail, updateSubscriptionRow,
} from './subscription-repo.ts';
import { assertInService, deriveStatus, periodEndDate } from './subscription-rules.ts';
import { cancelSubscriptionSchema, type CancelSubscriptionInput, type SubscriptionDetail } from './subscription-schema.ts';

export type CancelSubscriptionRequest = CancelSubscriptionInput & { id: string; expectedVersion?: number };

/**
 * Ends service on a date (exclusive): today by default ("immediately"), a given day, or the end of
 * the current billing period. Item versions are left as they are — the subscription's
 * [startDate, endDate) bounds them all — so history stays untouched. Renewal stops.
 */
export async function cancelSubscription(ctx: Ctx, request: CancelSubscriptionRequest): Promise<SubscriptionDetail> {
  const { id, expectedVersion, ...body } = request;
  const parsed = parseInput(cancelSubscriptionSchema, body);
  const today = toIsoDate(ctx.clock.today());
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await getSubscriptionRow(tx, scope, id, true);
    assertExpectedVersion(row, expectedVersion);
    if (row.canceled_at !== null) throw new AppError('conflict', `Subscription ${id} was already canceled, effective ${String(row.cancel_date)}`);
    const before = await loadSubscriptionDetail(tx, row);
    const cancelDate = parsed.atPeriodEnd ? periodEndDate(before, laterDate(today, before.startDate)) : (parsed.cancelDate ?? today);
    // Cancelling on the start day is allowed (nothing was served); after the end it would extend service.
    if (cancelDate !== before.startDate) assertInService(before, cancelDate, 'body.cancelDate');
    await assertAfterClosedPeriods(tx, [{ date: cancelDate, field: 'body.cancelDate' }]);
    const canceledAt = nowOf(tx);
    const status = deriveStatus({ ...before, endDate: cancelDate, canceledAt: canceledAt.toISOString() }, today);
    const after = await updateSubscriptionRow(tx, row, {
      end_date: cancelDate, cancel_date: cancelDate, canceled_at: canceledAt, auto_renew: false, status,
    });
    // In the same transaction: commissions claws back when a deal's contract ends early (issue #4).
    await publishEvent(tx, {
      type: 'subscription.canceled', aggregateType: 'subscription', aggregateId: id,
      payload: { subscriptionId: id, accountId: row.account_id, canceledAt: canceledAt.toISOString(), endDate: cancelDate },
    });
    return auditSubscription(tx, 'cancel', before, after);
  });
}
