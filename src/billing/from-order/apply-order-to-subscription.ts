import type { TxCtx } from '../../shared/context.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { amendSubscriptionFromOrder } from './amend-subscription-from-order.ts';
import { createSubscriptionFromOrder } from './create-subscription-from-order.ts';
import type { OrderPlaced } from './order-placed-schema.ts';
import { requestFirstInvoice } from './request-first-invoice.ts';
import { findSubscriptionOrder, insertSubscriptionOrder, type SubscriptionOrder } from './subscription-order-repo.ts';

export type AppliedOrder = { link: SubscriptionOrder; replayed: boolean };

/**
 * Chain steps 3 and 5 for one placed order, in the caller's transaction: create (new, renewal) or
 * amend (expansion of a live subscription) the subscription, draft its first invoice, record the
 * link and publish subscription.created / subscription.amended. Idempotent per order: a replay
 * finds the link and changes nothing.
 */
export async function applyOrderToSubscription(tx: TxCtx, order: OrderPlaced): Promise<AppliedOrder> {
  const existing = await findSubscriptionOrder(tx, order.orderId);
  if (existing) return { link: existing, replayed: true };
  const amends = order.orderType === 'expansion' && order.amendsSubscriptionId !== null ? order.amendsSubscriptionId : null;
  const subscription = amends === null ? await createSubscriptionFromOrder(tx, order) : await amendSubscriptionFromOrder(tx, order, amends);
  const invoiceIds = await requestFirstInvoice(tx, subscription, order.startDate);
  const link = await insertSubscriptionOrder(tx, {
    orderId: order.orderId,
    subscriptionId: subscription.id,
    action: amends === null ? 'create' : 'amend',
    orderType: order.orderType,
    quoteId: order.quoteId ?? null,
    opportunityId: order.opportunityId ?? null,
    accountId: order.accountId,
    effectiveDate: order.startDate,
    invoiceIds,
  });
  await publishEvent(tx, {
    type: amends === null ? 'subscription.created' : 'subscription.amended',
    aggregateType: 'subscription',
    aggregateId: subscription.id,
    payload: { subscriptionId: subscription.id, orderId: order.orderId, accountId: order.accountId, invoiceIds },
  });
  return { link, replayed: false };
}
