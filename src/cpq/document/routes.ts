import type { FastifyReply } from 'fastify';
import type { App } from '../../shared/http/route-types.ts';
import { idParams, QUOTE_READ_ROLES, quoteTags as tags } from '../route-kit.ts';
import { getQuoteDocument, type QuoteDocument } from './quote-document.ts';

/** Sends a PDF with its SHA-256 (the value an acceptance must name) in a header. */
export function sendPdf(reply: FastifyReply, document: QuoteDocument): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${document.fileName}"`)
    .header('x-document-sha256', document.sha256)
    .header('cache-control', 'private, no-store')
    .send(document.pdf);
}

export function registerQuoteDocumentRoutes(app: App): void {
  app.get(
    '/quotes/:id/document.pdf',
    {
      config: { access: QUOTE_READ_ROLES },
      schema: { tags, summary: "The quote as a PDF in its language (once accepted: the exact document accepted); X-Document-SHA256 carries its hash", params: idParams },
    },
    async (request, reply) => sendPdf(reply, await getQuoteDocument(request.ctx, request.params.id)),
  );
}
