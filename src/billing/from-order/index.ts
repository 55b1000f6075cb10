// Chain steps 3 and 5 (issue #4): subscriptions from placed orders. Exported through billing/index.ts.
export { subscriptionFromOrderSubscriber } from './on-order-placed.ts';
export { applyOrderToSubscription, type AppliedOrder } from './apply-order-to-subscription.ts';
export {
  findSubscriptionOrder, listOrdersOfSubscription, listSubscriptionOrdersOfQuote, findSubscriptionOrderOfInvoice,
  type SubscriptionOrder, type FromOrderTables,
} from './subscription-order-repo.ts';
export { orderPlacedSchema, type OrderPlaced, type OrderLine } from './order-placed-schema.ts';
