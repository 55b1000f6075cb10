import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { changeSubscriptionItems } from '../change-subscription-items.ts';
import { ownerScope } from '../../crm/index.ts';
import { getSubscriptionRow, loadSubscriptionDetail } from '../subscription-repo.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';
import { planAmendItems } from './order-items.ts';
import type { OrderPlaced } from './order-placed-schema.ts';

/**
 * An expansion order → dated item changes on the subscription it amends, from the order's start
 * date. Co-terminated: the items live inside the subscription's [startDate, endDate), so the
 * amendment ends where the subscription ends, whatever term the expansion quote was priced for.
 */
export async function amendSubscriptionFromOrder(tx: TxCtx, order: OrderPlaced, subscriptionId: string): Promise<SubscriptionDetail> {
  // Locked first: the added quantities are computed from the versions read here.
  const row = await getSubscriptionRow(tx, await ownerScope(tx), subscriptionId, true);
  let subscription = await loadSubscriptionDetail(tx, row);
  // Guards: an order for another customer or currency must not land on this contract.
  if (subscription.accountId !== order.accountId) {
    throw new AppError('business_rule_violated', `Order ${order.orderId} is for account ${order.accountId}, but subscription ${subscriptionId} belongs to ${subscription.accountId}`);
  }
  if (subscription.currency !== order.currency) {
    throw new AppError('business_rule_violated', `Order ${order.orderId} is in ${order.currency}, but subscription ${subscriptionId} bills in ${subscription.currency}`);
  }
  for (const step of planAmendItems(order, subscription.itemVersions)) {
    subscription = await changeSubscriptionItems(tx, { id: subscription.id, effectiveDate: step.effectiveDate, changes: step.changes });
  }
  return subscription;
}
