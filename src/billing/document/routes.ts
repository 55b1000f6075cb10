import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { moneyJsonSchema } from '../api-json.ts';
import { creditNoteJsonSchema, creditNoteToJson } from '../invoicing/documents-json.ts';
import { DOCUMENT_LANGUAGES } from './document-data.ts';
import { getCreditNoteDocument, getInvoiceDocument, type InvoiceDocument } from './invoice-document.ts';
import { listInvoiceSettlements } from './invoice-settlements.ts';
import { getSellerDetails, sellerDetailsSchema, setSellerDetails } from './seller-details.ts';

const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];
const idParams = z.object({ id: z.string().min(1).max(100) });
/** A document's language: asked for, else the customer's (document-data.ts). */
const languageQuery = z.strictObject({ language: z.enum(DOCUMENT_LANGUAGES).optional() });
const sellerJson = z.object({ legalName: z.string(), address: z.string(), vatId: z.string().nullable(), email: z.string().nullable() });
const settlementJson = z.object({
  sourceType: z.enum(['payment', 'credit_note']), sourceId: z.string(), reason: z.enum(['apply', 'unapply', 'chargeback']),
  amount: moneyJsonSchema.describe('Positive when applied, negative when taken back'), effectiveDate: z.string(),
});

/** Invoice documents (PDF), what settled an invoice, and the seller block of documents. */
export function registerInvoiceDocumentRoutes(app: App): void {
  app.get(
    '/invoices/:id/document.pdf',
    {
      config: { access: READ_ROLES },
      schema: {
        tags, summary: "The invoice as a PDF in the customer's language (language: asked for, else from the account's country, else en); X-Document-SHA256 carries its hash",
        params: idParams, querystring: languageQuery,
      },
    },
    async (request, reply) => sendPdf(reply, await getInvoiceDocument(request.ctx, request.params.id, request.query.language)),
  );
  app.get(
    '/credit-notes/:id/document.pdf',
    {
      config: { access: READ_ROLES },
      schema: {
        tags, summary: "The credit note as a PDF in the customer's language (as invoices): the invoice it corrects, its reason, lines and totals; X-Document-SHA256 carries its hash",
        params: idParams, querystring: languageQuery,
      },
    },
    async (request, reply) => sendPdf(reply, await getCreditNoteDocument(request.ctx, request.params.id, request.query.language)),
  );
  app.get(
    '/invoices/:id/settlements',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Payments and credit notes applied to an invoice (and taken back), and its credit notes', params: idParams, response: { 200: z.object({ data: z.array(settlementJson), creditNotes: z.array(creditNoteJsonSchema) }) } } },
    async (request) => {
      const { settlements, creditNotes } = await listInvoiceSettlements(request.ctx, request.params.id);
      return {
        data: settlements.map(({ amountMinor, currency, ...rest }) => ({ ...rest, amount: moneyToJson(money(amountMinor, currency)) })),
        creditNotes: creditNotes.map(creditNoteToJson),
      };
    },
  );
  app.get('/billing/seller-details', { config: { access: READ_ROLES }, schema: { tags, summary: 'The seller block of invoice documents', response: { 200: sellerJson } } }, async (request) => getSellerDetails(request.ctx));
  app.put(
    '/billing/seller-details',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set the seller block of invoice documents (legal name, address, VAT id; audited)', body: sellerDetailsSchema, response: { 200: sellerJson } } },
    async (request) => setSellerDetails(request.ctx, request.body),
  );
}

function sendPdf(reply: FastifyReply, document: InvoiceDocument) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${document.fileName}"`)
    .header('content-language', document.language)
    .header('x-document-sha256', document.sha256)
    .header('cache-control', 'private, no-store')
    .send(document.pdf);
}
