export { createSubscription } from './create-subscription.ts';
export { changeSubscriptionItems, type ChangeSubscriptionItemsRequest } from './change-subscription-items.ts';
export { cancelSubscription, type CancelSubscriptionRequest } from './cancel-subscription.ts';
export { pauseSubscription, resumeSubscription, type PauseSubscriptionRequest, type ResumeSubscriptionRequest } from './pause-subscription.ts';
export { getSubscription, findSubscription } from './get-subscription.ts';
export { listSubscriptions } from './list-subscriptions.ts';
export { upsertImportedSubscription } from './upsert-imported-subscription.ts';
export { upsertImportedInvoice } from './upsert-imported-invoice.ts';
export { upsertImportedPayment } from './upsert-imported-payment.ts';
export { getInvoice, listInvoices } from './get-invoice.ts';
export { listPayments } from './list-payments.ts';
export { subscriptionMrrOnDate, mrrOnDate, itemMrrMinor, isInService, isTrialingOn, isPausedOn, type MrrSubject } from './subscription-mrr.ts';
export { planItemChanges, diffItemSnapshot, type ItemTerms, type ItemChange, type ItemSpan, type ItemVersionTerms } from './item-versions.ts';
export { exclusiveEndFromLastActiveDay } from './date-spans.ts';
export { billingRoutes } from './routes.ts';
export {
  SUBSCRIPTION_STATUSES, BILLING_MODES, ITEM_KINDS, ITEM_TIMINGS, BILLING_INTERVALS_MONTHS, INVOICE_STATUSES, PAYMENT_STATUSES, PAYMENT_METHODS,
} from './tables.ts';
export type {
  BillingTables, SubscriptionStatus, BillingMode, ItemKind, ItemTiming, BillingIntervalMonths, InvoiceStatus, PaymentStatus, PaymentMethod,
} from './tables.ts';
export type {
  Subscription, SubscriptionDetail, SubscriptionItemVersion, SubscriptionPause, SubscriptionPage, CreateSubscriptionInput,
  ChangeSubscriptionItemsInput, CancelSubscriptionInput, ListSubscriptionsQuery, ImportSubscriptionInput, UpsertOutcome, UpsertResult,
} from './subscription-schema.ts';
export type { ItemInput, ItemChangeInput } from './item-input.ts';
export type { Invoice, InvoiceDetail, InvoiceLine, InvoicePage, ImportInvoiceInput, ListInvoicesQuery } from './invoice-schema.ts';
export type { Payment, PaymentAllocation, PaymentPage, ImportPaymentInput, ListPaymentsQuery } from './payment-schema.ts';
