import type { Ctx } from '../../shared/context.ts';
import { customerAtIssueOf, type CustomerAtIssue } from './customer-at-issue.ts';
import { invoicingDb, type BilledInvoiceRow, type BilledLineRow, type CreditNoteLineRow, type CreditNoteRow } from './tables.ts';

export type BillingLineJson = {
  lineNumber: number; lineKind: string; description: string; quantity: string; unitAmountMinor: bigint | null;
  /** A usage unit price below one minor unit, exact ('0.0004'); null for whole-minor-unit prices. */
  unitAmountDecimal: string | null; amountMinor: bigint; taxMinor: bigint;
  periodStartDate: string | null; periodEndDate: string | null; billingPeriodStartDate: string | null; billingPeriodEndDate: string | null;
  billableDays: number | null; periodDays: number | null; note: string | null; recognition: string; revenueKind: string; subscriptionItemId: string | null;
  taxRateBps: number | null; taxInclusive: boolean;
};

export type { CustomerAtIssue } from './customer-at-issue.ts';

export type BilledInvoice = {
  id: string; number: string | null; status: string; accountId: string; subscriptionId: string | null; currency: string;
  billingDate: string | null; billingSequence: number | null; issueDate: string | null; dueDate: string | null;
  periodStartDate: string | null; periodEndDate: string | null; subtotalMinor: bigint; taxMinor: bigint; totalMinor: bigint;
  amountPaidMinor: bigint; amountDueMinor: bigint; journalEntryId: string | null; taxNote: string | null;
  /** The customer as the invoice was issued to it; null on drafts, imported invoices and those issued before it was kept. */
  customerAtIssue: CustomerAtIssue | null; lines: BillingLineJson[];
};

export type CreditNote = {
  id: string; number: string; kind: string; accountId: string; subscriptionId: string | null; invoiceId: string | null;
  /** The number of the invoice it corrects (a void's); null when it corrects none. */
  invoiceNumber: string | null; currency: string;
  issueDate: string; billingDate: string | null; subtotalMinor: bigint; taxMinor: bigint; totalMinor: bigint; reason: string;
  journalEntryId: string | null; taxNote: string | null;
  /** The customer as the credit note was issued to it; null on credit notes from before it was kept. */
  customerAtIssue: BilledInvoice['customerAtIssue']; lines: BillingLineJson[];
};

function toLine(row: BilledLineRow | CreditNoteLineRow): BillingLineJson {
  return {
    lineNumber: row.line_number, lineKind: row.line_kind, description: row.description, quantity: String(row.quantity),
    unitAmountMinor: row.unit_amount_minor, unitAmountDecimal: row.unit_amount_decimal ?? null, amountMinor: row.amount_minor, taxMinor: row.tax_minor,
    periodStartDate: row.period_start_date, periodEndDate: row.period_end_date,
    billingPeriodStartDate: row.billing_period_start_date, billingPeriodEndDate: row.billing_period_end_date,
    billableDays: row.billable_days, periodDays: row.period_days, note: row.note, recognition: row.recognition, revenueKind: row.revenue_kind,
    subscriptionItemId: row.subscription_item_id === null ? null : String(row.subscription_item_id),
    taxRateBps: row.tax_rate_bps, taxInclusive: row.tax_inclusive,
  };
}

export function toBilledInvoice(row: BilledInvoiceRow, lines: BilledLineRow[]): BilledInvoice {
  return {
    id: row.id, number: row.number, status: row.status, accountId: row.account_id, subscriptionId: row.subscription_id, currency: row.currency,
    billingDate: row.billing_date, billingSequence: row.billing_sequence, issueDate: row.issue_date, dueDate: row.due_date,
    periodStartDate: row.period_start_date, periodEndDate: row.period_end_date, subtotalMinor: row.subtotal_minor, taxMinor: row.tax_minor,
    totalMinor: row.total_minor, amountPaidMinor: row.amount_paid_minor, amountDueMinor: row.amount_due_minor, journalEntryId: row.journal_entry_id, taxNote: row.tax_note,
    customerAtIssue: customerAtIssueOf(row),
    lines: lines.map(toLine),
  };
}

export function toCreditNote(row: CreditNoteRow & { invoice_number: string | null }, lines: CreditNoteLineRow[]): CreditNote {
  return {
    id: row.id, number: row.number, kind: row.kind, accountId: row.account_id, subscriptionId: row.subscription_id, invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    currency: row.currency, issueDate: row.issue_date, billingDate: row.billing_date, subtotalMinor: row.subtotal_minor, taxMinor: row.tax_minor,
    totalMinor: row.total_minor, reason: row.reason, journalEntryId: row.journal_entry_id, taxNote: row.tax_note,
    customerAtIssue: customerAtIssueOf(row),
    lines: lines.map(toLine),
  };
}

export async function loadBilledInvoices(ctx: Ctx, ids: readonly string[]): Promise<BilledInvoice[]> {
  if (ids.length === 0) return [];
  const db = invoicingDb(ctx);
  const rows = await db.selectFrom('invoices').selectAll().where('id', 'in', ids).orderBy('billing_date').orderBy('billing_sequence').execute();
  const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', ids).orderBy('invoice_id').orderBy('line_number').execute();
  return rows.map((row) => toBilledInvoice(row, lines.filter((line) => line.invoice_id === row.id)));
}

export async function loadCreditNotes(ctx: Ctx, ids: readonly string[]): Promise<CreditNote[]> {
  if (ids.length === 0) return [];
  const db = invoicingDb(ctx);
  const rows = await db.selectFrom('credit_notes').leftJoin('invoices', 'invoices.id', 'credit_notes.invoice_id')
    .selectAll('credit_notes').select('invoices.number as invoice_number')
    .where('credit_notes.id', 'in', ids).orderBy('credit_notes.number').execute();
  const lines = await db.selectFrom('credit_note_lines').selectAll().where('credit_note_id', 'in', ids).orderBy('line_number').execute();
  return rows.map((row) => toCreditNote(row, lines.filter((line) => line.credit_note_id === row.id)));
}
