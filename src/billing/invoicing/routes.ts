import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { RoutePlugin } from '../../shared/http/route-types.ts';
import { notFound } from '../../shared/errors.ts';
import { plainDateSchema } from '../../shared/validation/field-schemas.ts';
import {
  billedInvoiceJsonSchema, billedInvoiceToJson, billingRunJsonSchema, creditNoteJsonSchema, creditNoteToJson, previewJsonSchema, previewToJson,
} from './documents-json.ts';
import { loadBilledInvoices, loadCreditNotes } from './invoice-documents.ts';
import { issueInvoice } from './issue-invoice.ts';
import { previewInvoices } from './preview-invoices.ts';
import { runBilling } from './run-billing.ts';
import { voidInvoice } from './void-invoice.ts';
import { registerTaxRoutes } from '../tax/routes.ts';
import { registerInvoiceDocumentRoutes } from '../document/routes.ts';
import { registerCreditNoteListRoutes } from '../credit-notes/routes.ts';

const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];
const idParams = z.object({ id: z.string().min(1).max(100) });
// The 405 detail for PATCH/PUT/DELETE on a credit note (STYLE.md: issued documents are immutable).
const CREDIT_NOTE_IMMUTABLE = 'An issued credit note is immutable: correct it with a new document (an invoice for what it credited wrongly); take it off invoices with POST /api/v1/credit-notes/{id}/unapplications.';

/** The billing engine's routes (docs/billing.md); invoice list/get stay in billing/routes.ts. */
export const billingEngineRoutes: RoutePlugin = (app) => {
  registerTaxRoutes(app);
  registerInvoiceDocumentRoutes(app);
  registerCreditNoteListRoutes(app);
  app.post(
    '/billing/runs',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Bill every subscription through a date (exactly once; optionally issue)', body: z.strictObject({ date: plainDateSchema, issue: z.boolean().default(false) }), response: { 201: billingRunJsonSchema } } },
    async (request, reply) => reply.status(201).send(await runBilling(request.ctx, request.body)),
  );
  app.get(
    '/invoices/preview',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'What the billing run would bill for one subscription through a date (same code, rolled back)', querystring: z.strictObject({ subscriptionId: z.string().min(1).max(100), date: plainDateSchema }), response: { 200: previewJsonSchema } } },
    async (request) => previewToJson(await previewInvoices(request.ctx, request.query)),
  );
  app.get(
    '/invoices/:id/billing',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'An invoice with its billing lines (proration notes, periods, credit lines)', params: idParams, response: { 200: billedInvoiceJsonSchema } } },
    async (request) => {
      const [invoice] = await loadBilledInvoices(request.ctx, [request.params.id]);
      if (!invoice) throw notFound('invoice', request.params.id);
      return billedInvoiceToJson(invoice);
    },
  );
  app.post(
    '/invoices/:id/issue',
    { config: { access: WRITE_ROLES, idempotent: false }, schema: { tags, summary: 'Issue a draft: gapless number, ledger entry, immutable from then on', params: idParams, response: { 200: billedInvoiceJsonSchema } } },
    async (request) => {
      await issueInvoice(request.ctx, { invoiceId: request.params.id });
      const [invoice] = await loadBilledInvoices(request.ctx, [request.params.id]);
      return billedInvoiceToJson(invoice ?? notFoundOf(request.params.id));
    },
  );
  app.post(
    '/invoices/:id/void',
    { config: { access: WRITE_ROLES, idempotent: false }, schema: { tags, summary: 'Void an issued, unpaid invoice with a credit note', params: idParams, body: z.strictObject({ reason: z.string().trim().min(1).max(900) }), response: { 200: z.object({ invoice: billedInvoiceJsonSchema, creditNote: creditNoteJsonSchema }) } } },
    async (request) => {
      const { creditNote } = await voidInvoice(request.ctx, { invoiceId: request.params.id, reason: request.body.reason });
      const [invoice] = await loadBilledInvoices(request.ctx, [request.params.id]);
      const [note] = await loadCreditNotes(request.ctx, [creditNote.id]);
      return { invoice: billedInvoiceToJson(invoice ?? notFoundOf(request.params.id)), creditNote: creditNoteToJson(note ?? notFoundOf(creditNote.id)) };
    },
  );
  app.get(
    '/credit-notes/:id',
    { config: { access: READ_ROLES, immutable: CREDIT_NOTE_IMMUTABLE }, schema: { tags, summary: 'Get a credit note with its lines', params: idParams, response: { 200: creditNoteJsonSchema } } },
    async (request) => {
      const [note] = await loadCreditNotes(request.ctx, [request.params.id]);
      if (!note) throw notFound('credit note', request.params.id);
      return creditNoteToJson(note);
    },
  );
};

function notFoundOf(id: string): never {
  throw notFound('document', id);
}
