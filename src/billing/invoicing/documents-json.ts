import { z } from 'zod';
import { money, moneyToJson } from '../../shared/money.ts';
import { moneyJsonSchema } from '../api-json.ts';
import type { BillingLineJson, BilledInvoice, CreditNote } from './invoice-documents.ts';
import { parseTaxNote } from '../tax/tax-note.ts';
import { parseCreditNoteReason } from './credit-note-reason.ts';
import { parseLineNote, parseUsageNote } from './line-note.ts';
import type { InvoicePreview } from './preview-invoices.ts';
import type { BillingRunResult } from './run-billing.ts';

// Response shapes of the billing engine's routes; Money leaves as { amountMinor, currency }.
const date = z.string().describe('YYYY-MM-DD');
const lineJsonSchema = z.object({
  lineNumber: z.number().int(), lineKind: z.enum(['charge', 'credit']), description: z.string(), quantity: z.string(),
  unitAmount: moneyJsonSchema.nullable(), unitAmountDecimal: z.string().nullable().describe('The exact unit price in major units when it is below one minor unit (usage, e.g. "0.0004"); unitAmount is it rounded. The line amount was rounded once from it.'),
  amount: moneyJsonSchema, tax: moneyJsonSchema,
  periodStartDate: date.nullable(), periodEndDate: date.nullable().describe('Exclusive'),
  billingPeriodStartDate: date.nullable(), billingPeriodEndDate: date.nullable(),
  billableDays: z.number().int().nullable(), periodDays: z.number().int().nullable(), note: z.string().nullable().describe('Proration note (English)'),
  noteParts: z.object({
    kind: z.enum(['prorated', 'credit', 'adjustment']), billableDays: z.number().int(), periodDays: z.number().int(),
    billedBefore: moneyJsonSchema.nullable().describe('credit and adjustment: what was billed before for the period'),
  }).nullable().describe('The proration note as parts, to word it in any language; null for other notes (usage)'),
  usageNote: z.object({
    quantity: z.string(), aggregation: z.string().nullable().describe('sum, count, max, unique_count or latest'),
    startDate: date.nullable(), endDate: date.nullable().describe('Exclusive'),
    rated: moneyJsonSchema.nullable().describe('With a minimum commitment that lifted the charge: the rated amount'),
    minimum: moneyJsonSchema.nullable(), trueUp: moneyJsonSchema.nullable().describe('minimum − rated'),
  }).nullable().describe('The usage note as parts, to word it in any language; null for other notes'),
  recognition: z.enum(['deferred', 'immediate']), revenueKind: z.string(), subscriptionItemId: z.string().nullable(),
  taxRateBps: z.number().int().nullable(), taxInclusive: z.boolean(),
});
const taxTreatmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reverse_charge'), customerVatId: z.string().describe('as validated when the document was drafted') }),
  z.object({ kind: z.literal('outside_eu') }),
  z.object({ kind: z.literal('other'), text: z.string() }),
]).nullable();
const customerAtIssueSchema = z.object({
  name: z.string(), country: z.string().nullable(), taxId: z.string().nullable(),
  address: z.string().nullable().describe('The billing address, lines separated by "\\n"; null when the account had none (or the document is older than Revline keeping it)'),
}).nullable();
export const billedInvoiceJsonSchema = z.object({
  id: z.string(), number: z.string().nullable(), status: z.string(), accountId: z.string(), subscriptionId: z.string().nullable(), currency: z.string(),
  billingDate: date.nullable(), billingSequence: z.number().int().nullable(), issueDate: date.nullable(), dueDate: date.nullable(),
  periodStartDate: date.nullable(), periodEndDate: date.nullable(), subtotal: moneyJsonSchema, tax: moneyJsonSchema, total: moneyJsonSchema,
  amountPaid: moneyJsonSchema, amountDue: moneyJsonSchema, journalEntryId: z.string().nullable(), taxNote: z.string().nullable().describe('e.g. the reverse-charge notice (English)'),
  taxTreatment: taxTreatmentSchema.describe('Why the invoice charges no VAT, as parts to word in any language (taxNote read back); null without a note'),
  customerAtIssue: customerAtIssueSchema
    .describe('The customer as the invoice was issued to it (immutable with the invoice); null on drafts, imported invoices and invoices issued before Revline kept it'),
  lines: z.array(lineJsonSchema),
});
/** A credit note's reason as parts (credit-note-reason.ts), to word it in any language. */
export const creditNoteReasonJsonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('void'), invoiceNumber: z.string(), words: z.string().describe('The reason given when voiding, as written') }),
  z.object({ kind: z.literal('unused_time'), changeDate: date.describe('The day of the subscription change (cancellation, pause, downgrade)') }),
  z.object({ kind: z.literal('other'), text: z.string() }),
]);
export const creditNoteJsonSchema = z.object({
  id: z.string(), number: z.string(), kind: z.enum(['void', 'adjustment']), accountId: z.string(), subscriptionId: z.string().nullable(),
  invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable().describe('The number of the invoice it corrects (a void\'s)'),
  currency: z.string(), issueDate: date, billingDate: date.nullable(), subtotal: moneyJsonSchema,
  tax: moneyJsonSchema, total: moneyJsonSchema.describe('The credit, positive'), reason: z.string().describe('English, as stored'),
  reasonParts: creditNoteReasonJsonSchema.describe('reason as parts, to word it in any language'), journalEntryId: z.string().nullable(),
  taxNote: z.string().nullable().describe('As the invoice it corrects (English); null on credit notes from before it was kept'),
  taxTreatment: taxTreatmentSchema.describe('taxNote as parts, as on invoices'),
  customerAtIssue: customerAtIssueSchema.describe('The customer as the credit note was issued to it; null on credit notes issued before Revline kept it'),
  lines: z.array(lineJsonSchema),
});
export const previewJsonSchema = z.object({ subscriptionId: z.string(), date, invoices: z.array(billedInvoiceJsonSchema), creditNotes: z.array(creditNoteJsonSchema) });
export const billingRunJsonSchema = z.object({
  runId: z.string(), date, issue: z.boolean(), subscriptions: z.number().int(), invoicesDrafted: z.number().int(), creditNotesIssued: z.number().int(),
  invoicesIssued: z.number().int(), recognitionEntries: z.number().int(), errors: z.array(z.object({ subscriptionId: z.string(), code: z.string(), message: z.string() })),
});

const moneyOf = (amountMinor: bigint, currency: string) => moneyToJson(money(amountMinor, currency));

function lineToJson(line: BillingLineJson, currency: string) {
  return {
    ...line, lineKind: line.lineKind as 'charge' | 'credit', recognition: line.recognition as 'deferred' | 'immediate',
    unitAmount: line.unitAmountMinor === null ? null : moneyOf(line.unitAmountMinor, currency),
    amount: moneyOf(line.amountMinor, currency), tax: moneyOf(line.taxMinor, currency), noteParts: notePartsOf(line.note, currency), usageNote: usageNoteOf(line.note, currency),
    unitAmountMinor: undefined, amountMinor: undefined, taxMinor: undefined,
  };
}

function notePartsOf(note: string | null, currency: string) {
  const parts = parseLineNote(note);
  if (parts === null) return null;
  return {
    kind: parts.kind, billableDays: parts.billableDays, periodDays: parts.periodDays,
    billedBefore: parts.kind === 'prorated' ? null : moneyOf(parts.billedBeforeMinor, currency),
  };
}

function usageNoteOf(note: string | null, currency: string) {
  const parts = parseUsageNote(note);
  if (parts === null) return null;
  const trueUp = parts.trueUp;
  return {
    quantity: parts.quantity.toString(), aggregation: parts.aggregation, startDate: parts.startDate, endDate: parts.endDate,
    rated: trueUp ? moneyOf(trueUp.ratedMinor, currency) : null, minimum: trueUp ? moneyOf(trueUp.minimumMinor, currency) : null,
    trueUp: trueUp ? moneyOf(trueUp.minimumMinor - trueUp.ratedMinor, currency) : null,
  };
}

export function billedInvoiceToJson(invoice: BilledInvoice) {
  const c = invoice.currency;
  return {
    ...invoice, subtotal: moneyOf(invoice.subtotalMinor, c), tax: moneyOf(invoice.taxMinor, c), total: moneyOf(invoice.totalMinor, c),
    amountPaid: moneyOf(invoice.amountPaidMinor, c), amountDue: moneyOf(invoice.amountDueMinor, c), taxTreatment: parseTaxNote(invoice.taxNote),
    lines: invoice.lines.map((l) => lineToJson(l, c)),
    subtotalMinor: undefined, taxMinor: undefined, totalMinor: undefined, amountPaidMinor: undefined, amountDueMinor: undefined,
  };
}

export function creditNoteToJson(note: CreditNote) {
  const c = note.currency;
  return {
    ...note, kind: note.kind as 'void' | 'adjustment', subtotal: moneyOf(note.subtotalMinor, c), tax: moneyOf(note.taxMinor, c), total: moneyOf(note.totalMinor, c),
    taxTreatment: parseTaxNote(note.taxNote), reasonParts: parseCreditNoteReason({ kind: note.kind as 'void' | 'adjustment', reason: note.reason, invoiceNumber: note.invoiceNumber }),
    lines: note.lines.map((l) => lineToJson(l, c)), subtotalMinor: undefined, taxMinor: undefined, totalMinor: undefined,
  };
}

export function previewToJson(preview: InvoicePreview) {
  return { ...preview, invoices: preview.invoices.map(billedInvoiceToJson), creditNotes: preview.creditNotes.map(creditNoteToJson) };
}

export function billingRunToJson(result: BillingRunResult) {
  return result;
}
