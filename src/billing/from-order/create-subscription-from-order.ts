import type { TxCtx } from '../../shared/context.ts';
import { changeSubscriptionItems } from '../change-subscription-items.ts';
import { createSubscription } from '../create-subscription.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';
import { planCreateItems } from './order-items.ts';
import type { OrderPlaced } from './order-placed-schema.ts';

/**
 * A new or renewal order → a new subscription over the order's term [startDate, endDate), items
 * effective from the start, each later ramp year as a dated change. Renewal is an order of its own
 * (a renewal quote), so the contract does not also renew itself: autoRenew is off.
 */
export async function createSubscriptionFromOrder(tx: TxCtx, order: OrderPlaced): Promise<SubscriptionDetail> {
  const plan = planCreateItems(order);
  let subscription = await createSubscription(tx, {
    accountId: order.accountId,
    currency: order.currency,
    startDate: order.startDate,
    endDate: order.endDate,
    billingMode: 'anniversary',
    autoRenew: false,
    planLabel: `Order ${order.orderNumber ?? order.orderId}`,
    items: plan.items,
  });
  for (const step of plan.steps) {
    subscription = await changeSubscriptionItems(tx, { id: subscription.id, effectiveDate: step.effectiveDate, changes: step.changes });
  }
  return subscription;
}
