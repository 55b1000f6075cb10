import { findAccount } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import type { DocumentLanguage } from '../../shared/pdf/locale-format.ts';
import { loadBilledInvoices, loadCreditNotes, type BilledInvoice, type CustomerAtIssue } from '../invoicing/invoice-documents.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { getSellerDetails, type SellerDetails } from './seller-details.ts';

export { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../../shared/pdf/locale-format.ts';

/** Everything the invoice PDF shows, and nothing else: the document is a pure function of this. */
export type InvoiceDocumentData = {
  language: DocumentLanguage;
  invoice: BilledInvoice;
  /** The issue instant (a draft: its creation); the PDF's creation date, so the bytes never depend on the clock. */
  documentAt: Date;
  seller: SellerDetails;
  /** address: lines separated by "\n", printed between the name and the country; null when there is none. */
  customer: { name: string; address: string | null; country: string | null; vatId: string | null };
  /** A credit note rendered as its own document (`invoice` then holds its content): what it corrects and why. */
  creditNote: { kind: 'void' | 'adjustment'; invoiceNumber: string | null; reason: string } | null;
};

// The language an account's country suggests (the same rule as dunning e-mails, docs/payments.md).
const COUNTRY_LANGUAGES: Record<string, DocumentLanguage> = { DE: 'de', AT: 'de', CH: 'de', LI: 'de', IT: 'it', SM: 'it', RU: 'ru', BY: 'ru', KZ: 'ru' };

/**
 * The language of a document: the one asked for, else the customer's (from the account's country;
 * billing cannot read payments' collection settings, which come later in the domain order), else English.
 */
export function documentLanguage(requested: DocumentLanguage | undefined, country: string | null): DocumentLanguage {
  return requested ?? (country === null ? undefined : COUNTRY_LANGUAGES[country]) ?? 'en';
}

/**
 * The customer block of an issued document, as kept at issue. A document issued before the address
 * was kept (migration 202612140300) has none: it is printed as it was issued, not with the account's
 * address of today, so its bytes stay the same.
 */
function customerAsIssued(customer: CustomerAtIssue): InvoiceDocumentData['customer'] {
  return { name: customer.name, address: customer.address, country: customer.country, vatId: customer.taxId };
}

/** The customer block of a draft, or of a document that kept no customer: the account as it is now (its id when it is gone). */
function customerNow(account: Awaited<ReturnType<typeof findAccount>>, accountId: string): InvoiceDocumentData['customer'] {
  return { name: account?.name ?? accountId, address: account?.billingAddress ?? null, country: account?.country ?? null, vatId: account?.taxId ?? null };
}

export async function loadInvoiceDocumentData(ctx: Ctx, invoiceId: string, requested?: DocumentLanguage): Promise<InvoiceDocumentData> {
  const [invoice] = await loadBilledInvoices(ctx, [invoiceId]);
  if (!invoice) throw notFound('invoice', invoiceId);
  const times = await invoicingDb(ctx).selectFrom('invoices').select(['issued_at', 'created_at']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  // An issued invoice shows the customer it was issued to; a draft (or an invoice from before that was
  // kept, or an imported one) the account as it is now. The language follows that customer's country,
  // so an issued invoice's default document stays the same.
  const customer = invoice.customerAtIssue
    ? customerAsIssued(invoice.customerAtIssue)
    : customerNow(await findAccount(ctx, invoice.accountId), invoice.accountId);
  return {
    language: documentLanguage(requested, customer.country),
    invoice,
    documentAt: new Date(times.issued_at ?? times.created_at),
    seller: await getSellerDetails(ctx),
    customer,
    creditNote: null,
  };
}

/**
 * A credit note's document data: its lines, totals (negative, on the invoice's scale) and tax note in
 * the shape of an invoice's, with the invoice it corrects and its reason; the customer as it was
 * issued to (the account as it is now for credit notes from before that was kept).
 */
export async function loadCreditNoteDocumentData(ctx: Ctx, creditNoteId: string, requested?: DocumentLanguage): Promise<InvoiceDocumentData> {
  const [note] = await loadCreditNotes(ctx, [creditNoteId]);
  if (!note) throw notFound('credit_note', creditNoteId);
  const db = invoicingDb(ctx);
  const times = await db.selectFrom('credit_notes').select('issued_at').where('id', '=', creditNoteId).executeTakeFirstOrThrow();
  const customer = note.customerAtIssue
    ? customerAsIssued(note.customerAtIssue)
    : customerNow(await findAccount(ctx, note.accountId), note.accountId);
  const content: BilledInvoice = {
    id: note.id, number: note.number, status: 'issued', accountId: note.accountId, subscriptionId: note.subscriptionId, currency: note.currency,
    billingDate: note.billingDate, billingSequence: null, issueDate: note.issueDate, dueDate: null, periodStartDate: null, periodEndDate: null,
    subtotalMinor: note.subtotalMinor, taxMinor: note.taxMinor, totalMinor: note.subtotalMinor + note.taxMinor, amountPaidMinor: 0n, amountDueMinor: 0n,
    journalEntryId: note.journalEntryId, taxNote: note.taxNote, customerAtIssue: note.customerAtIssue, lines: note.lines,
  };
  return {
    language: documentLanguage(requested, customer.country),
    invoice: content,
    documentAt: new Date(times.issued_at),
    seller: await getSellerDetails(ctx),
    customer,
    creditNote: { kind: note.kind === 'void' ? 'void' : 'adjustment', invoiceNumber: note.invoiceNumber, reason: note.reason },
  };
}
