// The payments domain's public surface: cash receipts and application, refunds, chargebacks,
// customer credit, AR aging, dunning and collections (docs/payments.md).
export { recordPayment } from './record-payment.ts';
export { applyPaymentCredit } from './apply-payment-credit.ts';
export { unapplyPayment } from './unapply-payment.ts';
export { refundPayment } from './refund-payment.ts';
export { chargebackPayment } from './chargeback-payment.ts';
export { getPaymentDetail } from './get-payment-detail.ts';
export { listPayments } from './list-payments.ts';
export type { ListPaymentsQuery, PaymentListItem, PaymentListPage } from './list-payments-schema.ts';
export { listCustomerCredits, applyCustomerCredit } from './customer-credit.ts';
export { statementText } from './statement/statement-text.ts';
export { importStatement, type StatementImportResult, type StatementRowResult } from './statement/import-statement.ts';
export { arAging, bucketOf, AGING_BUCKETS, type ArAging, type AgingBucket, type ArAgingOptions } from './ar-aging.ts';
export type { AgingRate, AgingRateReader } from './ar-aging-reporting.ts';
export { arAgingToJson } from './json.ts';
export { runDunning, type DunningRunResult, type DunningAction } from './dunning/run-dunning.ts';
export { listDunningStages, setDunningStages, type DunningStage } from './dunning/stages.ts';
export { collectionsWorklist, addCollectionNote, addPaymentPromise, setCollectionSettings, isAccountOnHold } from './dunning/collections.ts';
export { configuredMailer, outboxMailer, smtpMailer, type Mailer } from './dunning/mailer.ts';
export { paymentRoutes, createPaymentRoutes, type PaymentRoutesOptions } from './routes.ts';
export type { PaymentsTables } from './tables.ts';
export type { PaymentDetail, RecordPaymentInput, CustomerCredit } from './schema.ts';
export { applyCreditNotes, type CreditNoteApplication } from './apply-credit-notes.ts';
export { paymentSubscribers } from './on-documents-issued.ts';
export { unapplyCreditNote } from './unapply-credit-note.ts';
