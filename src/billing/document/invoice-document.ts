import { createHash } from 'node:crypto';
import type { Ctx } from '../../shared/context.ts';
import { loadCreditNoteDocumentData, loadInvoiceDocumentData, type DocumentLanguage, type InvoiceDocumentData } from './document-data.ts';
import { renderInvoicePdf } from './render-invoice-pdf.ts';

export type InvoiceDocument = { pdf: Buffer; sha256: string; fileName: string; language: DocumentLanguage };

/**
 * GET /invoices/:id/document.pdf. The bytes are a pure function of the invoice, its seller and
 * customer details and the language: an issued invoice renders the same every time (a payment
 * changes only the amounts paid and due it shows).
 */
export async function getInvoiceDocument(ctx: Ctx, invoiceId: string, language?: DocumentLanguage): Promise<InvoiceDocument> {
  return documentOf(await loadInvoiceDocumentData(ctx, invoiceId, language));
}

/** GET /credit-notes/:id/document.pdf: a credit note is immutable from its issue, and so are its bytes (but for the seller block). */
export async function getCreditNoteDocument(ctx: Ctx, creditNoteId: string, language?: DocumentLanguage): Promise<InvoiceDocument> {
  return documentOf(await loadCreditNoteDocumentData(ctx, creditNoteId, language));
}

async function documentOf(data: InvoiceDocumentData): Promise<InvoiceDocument> {
  const pdf = await renderInvoicePdf(data);
  const name = data.invoice.number ?? `${data.invoice.id}-draft`;
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), fileName: `${name}-${data.language}.pdf`, language: data.language };
}
