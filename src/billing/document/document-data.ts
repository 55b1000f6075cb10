import { findAccount } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import type { DocumentLanguage } from '../../shared/pdf/locale-format.ts';
import { loadBilledInvoices, type BilledInvoice } from '../invoicing/invoice-documents.ts';
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
  customer: { name: string; country: string | null; vatId: string | null };
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

export async function loadInvoiceDocumentData(ctx: Ctx, invoiceId: string, requested?: DocumentLanguage): Promise<InvoiceDocumentData> {
  const [invoice] = await loadBilledInvoices(ctx, [invoiceId]);
  if (!invoice) throw notFound('invoice', invoiceId);
  const times = await invoicingDb(ctx).selectFrom('invoices').select(['issued_at', 'created_at']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  const account = await findAccount(ctx, invoice.accountId);
  // The language follows the customer's country at issue, so an issued invoice's default document stays the same.
  const country = invoice.customerAtIssue ? invoice.customerAtIssue.country : account?.country ?? null;
  return {
    language: documentLanguage(requested, country),
    invoice,
    documentAt: new Date(times.issued_at ?? times.created_at),
    seller: await getSellerDetails(ctx),
    // An issued invoice shows the customer it was issued to; a draft (or an invoice from before that was
    // kept, or an imported one) the account as it is now.
    customer: invoice.customerAtIssue
      ? { name: invoice.customerAtIssue.name, country: invoice.customerAtIssue.country, vatId: invoice.customerAtIssue.taxId }
      : { name: account?.name ?? invoice.accountId, country, vatId: account?.taxId ?? null },
  };
}
