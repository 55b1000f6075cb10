/** API shapes the billing pages read (see docs/billing.md, docs/payments.md). Money stays minor units. */
export type MoneyJson = { amountMinor: number | string; currency: string };

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** GET /invoices rows (billing/api-json.ts invoiceJsonSchema). */
export type InvoiceSummary = {
  id: string; accountId: string; subscriptionId: string | null; number: string | null; status: InvoiceStatus; currency: string;
  issueDate: string | null; dueDate: string | null; total: MoneyJson; amountDue: MoneyJson; amountPaid: MoneyJson;
};

export type BillingLine = {
  lineNumber: number; lineKind: 'charge' | 'credit'; description: string; quantity: string; unitAmount: MoneyJson | null;
  /** A usage unit price below one minor unit, exact ('0.0004'); null otherwise. */
  unitAmountDecimal?: string | null; amount: MoneyJson; tax: MoneyJson;
  periodStartDate: string | null; periodEndDate: string | null; note: string | null; taxRateBps: number | null; taxInclusive: boolean;
  /** The proration note as parts (null for other notes, which `note` words in English). */
  noteParts?: { kind: 'prorated' | 'credit' | 'adjustment'; billableDays: number; periodDays: number; billedBefore: MoneyJson | null } | null;
  /** The usage note as parts (endDate exclusive; rated, minimum and trueUp only when a minimum commitment lifted the charge). */
  usageNote?: {
    quantity: string; aggregation: string | null; startDate: string | null; endDate: string | null;
    rated: MoneyJson | null; minimum: MoneyJson | null; trueUp: MoneyJson | null;
  } | null;
};

/** GET /invoices/:id/billing. */
export type BilledInvoice = {
  id: string; number: string | null; status: InvoiceStatus; accountId: string; subscriptionId: string | null; currency: string;
  issueDate: string | null; dueDate: string | null; periodStartDate: string | null; periodEndDate: string | null;
  subtotal: MoneyJson; tax: MoneyJson; total: MoneyJson; amountPaid: MoneyJson; amountDue: MoneyJson; taxNote: string | null;
  taxTreatment: TaxTreatment | null; lines: BillingLine[];
};

/** Why an invoice charges no VAT (the server's taxNote as parts). */
export type TaxTreatment = { kind: 'reverse_charge'; customerVatId: string } | { kind: 'outside_eu' } | { kind: 'other'; text: string };

/** Why a credit note was issued, as parts (the server's English reason read back): worded in the reader's language. */
export type CreditNoteReason =
  | { kind: 'void'; invoiceNumber: string; words: string }
  | { kind: 'unused_time'; changeDate: string }
  | { kind: 'other'; text: string };

export const CREDIT_NOTE_KINDS = ['void', 'adjustment'] as const;
export type CreditNoteKind = (typeof CREDIT_NOTE_KINDS)[number];

/** A credit note as GET /invoices/:id/settlements lists it (a subset of GET /credit-notes/:id). */
export type CreditNote = { id: string; number: string; kind: CreditNoteKind; invoiceId: string | null; issueDate: string; total: MoneyJson; reason: string; reasonParts: CreditNoteReason };

/** GET /credit-notes rows: amounts are the credit, positive; applied + refunded + remaining = total. */
export type CreditNoteSummary = {
  id: string; number: string; kind: CreditNoteKind; accountId: string; accountName: string; subscriptionId: string | null;
  invoiceId: string | null; invoiceNumber: string | null; currency: string; issueDate: string;
  net: MoneyJson; tax: MoneyJson; total: MoneyJson; applied: MoneyJson; refunded: MoneyJson; remaining: MoneyJson;
  reason: string; reasonParts: CreditNoteReason;
};

/** GET /credit-notes/:id: lines and subtotal on the invoice's scale (negative, as its PDF prints them); total is the credit, positive. */
export type CreditNoteDetail = CreditNote & {
  accountId: string; subscriptionId: string | null; invoiceNumber: string | null; currency: string; subtotal: MoneyJson; tax: MoneyJson;
  taxTreatment: TaxTreatment | null; customerAtIssue: { name: string } | null; lines: BillingLine[];
};

/** GET /credit-notes/:id/settlements. */
export type CreditNoteSettlements = {
  creditNote: CreditNoteSummary;
  applications: { invoiceId: string; invoiceNumber: string | null; reason: 'apply' | 'unapply' | 'chargeback'; amount: MoneyJson; effectiveDate: string }[];
  refunds: { id: string; amount: MoneyJson; date: string; reason: string | null; journalEntryId: string }[];
};

export type Settlement = { sourceType: 'payment' | 'credit_note'; sourceId: string; reason: 'apply' | 'unapply' | 'chargeback'; amount: MoneyJson; effectiveDate: string };

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'direct_debit', 'check', 'cash', 'wallet', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['succeeded', 'failed', 'refunded'] as const;

/** GET /payments rows. */
export type PaymentSummary = {
  id: string; accountId: string; amount: MoneyJson; receivedDate: string; receivedAt: string; method: PaymentMethod; reference: string | null;
  status: (typeof PAYMENT_STATUSES)[number]; sourceSystem: string | null; allocations: { invoiceId: string; amount: MoneyJson }[];
  /** unapplied: money left to apply (0 when none, also for a returned payment or imported history). */
  applied: MoneyJson; unapplied: MoneyJson;
};

/** GET /payments/:id. */
export type PaymentDetail = PaymentSummary & {
  reversals: { id: string; kind: 'refund' | 'chargeback'; amount: MoneyJson; date: string; reason: string | null }[];
};

export type WorklistPromise = { id: string; promisedDate: string; amount: MoneyJson; note: string | null };
export type WorklistNote = { id: string; body: string; contacted: boolean; createdAt: string };
export type WorklistAccount = {
  accountId: string; accountName: string; onHold: boolean; lastContactDate: string | null; promise: WorklistPromise | null; notes: WorklistNote[];
  invoices: { invoiceId: string; number: string | null; dueDate: string | null; daysPastDue: number; amountDue: MoneyJson; stage: string | null; lastNoticeDate: string | null }[];
};

export type SubscriptionSummary = {
  id: string; accountId: string; currency: string; status: string; planLabel: string | null; startDate: string; endDate: string | null;
  billingMode: string; autoRenew: boolean; version: number;
};
export type ItemVersion = {
  id: string; itemKey: string; description: string | null; kind: string; quantity: number | string; unitPrice: MoneyJson; discountBps: number;
  billingIntervalMonths: number | null; timing: string; effectiveFromDate: string; effectiveToDate: string | null;
};
export type SubscriptionDetail = SubscriptionSummary & { trialEndDate: string | null; billingAnchorDate: string; itemVersions: ItemVersion[] };

export type DealLinks = {
  quotes: { id: string; status: string; versionNumber: number; opportunityName: string | null }[];
  orders: { id: string; orderNumber: string; status: string; startDate: string }[];
  invoices: { id: string; number: string | null; status: string; issueDate: string | null; total: MoneyJson }[];
};

export type CommissionStatement = {
  repUserId: string; period: string; periodStartDate: string; periodEndDate: string;
  entries: { id: string; kind: string; dealType: string; accountId: string | null; amount: MoneyJson; earnedDate: string; reason: string | null }[];
  totals: { currency: string; accrued: MoneyJson; clawedBack: MoneyJson; net: MoneyJson }[];
};

/** POST /payments/statement-imports: what each line of a bank statement did (or would do, in a dry run). */
export type StatementOutcome = 'recorded' | 'would_record' | 'duplicate' | 'skipped' | 'error';
export type StatementRow = {
  line: number;
  outcome: StatementOutcome;
  paymentId: string | null;
  accountId: string | null;
  receivedDate: string | null;
  reference: string | null;
  amount: MoneyJson | null;
  applied: MoneyJson | null;
  unapplied: MoneyJson | null;
  allocations: Array<{ invoiceId: string; invoiceNumber: string | null; amount: MoneyJson }>;
  errors: Array<{ field: string; message: string; code?: string }>;
  skipReason: 'zero_amount' | 'outgoing_amount' | null;
};
export type StatementImportResult = {
  dryRun: boolean;
  counts: Record<StatementOutcome, number>;
  headerErrors: Array<{ field: string; message: string }>;
  rows: StatementRow[];
};
