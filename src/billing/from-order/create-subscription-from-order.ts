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
    planLabel: planLabelOf(order),
    items: plan.items,
  });
  for (const step of plan.steps) {
    subscription = await changeSubscriptionItems(tx, { id: subscription.id, effectiveDate: step.effectiveDate, changes: step.changes });
  }
  return subscription;
}

const PLAN_LABEL_MAX = 200;

/**
 * What the subscription is to a reader: its recurring products' names in line order (one-time fees
 * only when there is nothing else), e.g. "Platform seat (annual) + Predictive Insights"; the order
 * that made it is one of its links. A line without a product name counts by its SKU.
 */
export function planLabelOf(order: OrderPlaced): string {
  const recurring = order.lines.filter((line) => line.productType !== 'one_time');
  const names = [...new Set((recurring.length > 0 ? recurring : order.lines).map((line) => line.productName ?? line.sku))];
  const label = names.join(' + ');
  return label.length <= PLAN_LABEL_MAX ? label : `${label.slice(0, PLAN_LABEL_MAX - 1)}…`;
}
