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
export type { Payment, PaymentAllocation, ImportPaymentInput } from './payment-schema.ts';
// For payments' list of payments (src/payments/list-payments.ts), which reads these tables with what is left of each payment.
export { loadAllocations, toPayment } from './payment-repo.ts';
export { applyToInvoice, type ApplyToInvoiceInput } from './settlement/apply-to-invoice.ts';
export { unapplyFromInvoice, findAppliedBySource, findLastSettlementDate, type UnapplyFromInvoiceInput } from './settlement/unapply-from-invoice.ts';
export { recordReceivedPayment, markPaymentReturned, type ReceivedPaymentInput } from './settlement/record-received-payment.ts';
export { findOpenInvoices, findOpenInvoicesByNumber, findOverdueInvoices, oldestFirst, type OpenInvoice, type OverdueInvoice } from './settlement/find-open-invoices.ts';
export { findInvoiceDuesOnDate, type InvoiceDueOnDate } from './settlement/find-invoice-dues-on-date.ts';
export { findCreditNoteCreditsOnDate, type CreditNoteCreditOnDate } from './settlement/find-credit-note-credits-on-date.ts';
export type { SettlementTables, SettlementSourceType } from './settlement/settlement-tables.ts';
export {
  subscriptionFromOrderSubscriber, applyOrderToSubscription, findSubscriptionOrder, listOrdersOfSubscription, listSubscriptionOrdersOfQuote,
  findSubscriptionOrderOfInvoice, type AppliedOrder, type SubscriptionOrder, type FromOrderTables, type OrderPlaced,
} from './from-order/index.ts';
export { findPayment } from './settlement/find-payment.ts';
export { setDefaultPaymentTerms, setAccountPaymentTerms, getPaymentTerms, findPaymentTermsFor, type AccountPaymentTerms } from './payment-terms/terms-repo.ts';
export { ingestUsageEvents, type IngestResult as UsageEventIngestResult, type IngestUsageEventsBody } from './usage-events/ingest-usage-events.ts';
export type { UsageEventTables } from './usage-events/usage-event-tables.ts';
export { PAYMENT_TERMS_KINDS, type PaymentTerms, type PaymentTermsInput, type PaymentTermsTables } from './payment-terms/payment-terms.ts';
export { bookImportedPayment, type BookImportedPaymentInput } from './settlement/book-imported-payment.ts';
// Billing engine (docs/billing.md): draft → issue → void with a credit note; the run; recognition.
export { draftInvoicesForSubscription, type DraftInvoicesInput, type DraftInvoicesResult } from './invoicing/draft-invoices.ts';
export { issueInvoice, type IssueInvoiceInput } from './invoicing/issue-invoice.ts';
export { voidInvoice, type VoidInvoiceInput } from './invoicing/void-invoice.ts';
export { previewInvoices, type InvoicePreview } from './invoicing/preview-invoices.ts';
export { runBilling, defaultConcurrency, DEFAULT_CONCURRENCY, type BillingRunInput, type BillingRunResult, type BillingRunError } from './invoicing/run-billing.ts';
export { billingEngineRoutes } from './invoicing/routes.ts';
export { loadBilledInvoices, loadCreditNotes, type BilledInvoice, type CreditNote } from './invoicing/invoice-documents.ts';
export { listCreditNotes } from './credit-notes/list-credit-notes.ts';
export type { CreditNoteSummary, CreditNotePage, ListCreditNotesQuery } from './credit-notes/list-schema.ts';
export { recognizeRevenue, type RecognitionResult } from './recognition/recognize-revenue.ts';
// Pure charge valuation (the run's own maths), read by metrics for contracted-not-billed backlog.
export { chargeTargets } from './invoicing/charge-targets.ts';
export { chargeKey, type BillingSubject, type ChargeTarget } from './invoicing/charge-types.ts';
export { findCreditNoteBalances, insertCreditNoteRefund, lockCreditNoteBalance, type CreditNoteBalance } from './settlement/credit-note-balances.ts';
export { setTaxSettings, setTaxRate, setItemTaxCategory, listTaxRates, type TaxSettingsInput, type TaxRateInput } from './tax/tax-settings.ts';
export { getCutOver, setCutOver, type CutOver } from './cut-over/set-cut-over.ts';
export { postOpeningBalances, type OpeningBalancesResult } from './cut-over/post-opening-balances.ts';
export { validEuVatId, EU_COUNTRIES } from './tax/vat-id.ts';
export { outsideEuNote, parseTaxNote, reverseChargeNote, type TaxTreatment } from './tax/tax-note.ts';
