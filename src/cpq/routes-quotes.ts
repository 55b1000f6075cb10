import { z } from 'zod';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { createQuote } from './create-quote.ts';
import { deleteQuote } from './delete-quote.ts';
import { getQuote, listQuotes } from './get-quote.ts';
import { addQuoteLine, removeQuoteLine, updateQuoteLine } from './quote-lines.ts';
import { createQuoteSchema, lineInputSchema, listQuotesQuerySchema, quoteListItemSchema, quoteSchema, quoteSummarySchema, updateLineSchema, updateQuoteBodySchema } from './quote-schema.ts';
import { idParams, lineParams, optionalExpectedVersion, QUOTE_READ_ROLES, QUOTE_WRITE_ROLES, quoteTags as tags } from './route-kit.ts';
import { updateQuote } from './update-quote.ts';

export function registerQuoteRoutes(app: App): void {
  app.get(
    '/quotes',
    { config: { access: QUOTE_READ_ROLES }, schema: { tags, summary: 'List quotes (keyset pages, newest first unless order=asc, without lines, with account and opportunity names)', querystring: listQuotesQuerySchema, response: { 200: pageSchema(quoteListItemSchema) } } },
    async (request) => listQuotes(request.ctx, request.query),
  );
  app.get(
    '/quotes/:id',
    { config: { access: QUOTE_READ_ROLES }, schema: { tags, summary: 'Get a quote with its lines, totals and years; the ETag is its version', params: idParams, response: { 200: quoteSchema } } },
    async (request, reply) => {
      const quote = await getQuote(request.ctx, request.params.id);
      setEtag(reply, quote.version);
      return quote;
    },
  );
  app.post(
    '/quotes',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Create a draft quote on an opportunity (accepts Idempotency-Key)', body: createQuoteSchema, response: { 201: quoteSchema } } },
    async (request, reply) => {
      const quote = await createQuote(request.ctx, request.body);
      setEtag(reply, quote.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${quote.id}`).send(quote);
    },
  );
  app.patch(
    '/quotes/:id',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Change terms or the header discount and re-price; needs If-Match or "version"', params: idParams, body: updateQuoteBodySchema, response: { 200: quoteSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const quote = await updateQuote(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, quote.version);
      return quote;
    },
  );
  app.delete(
    '/quotes/:id',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Delete a draft that is not a revision; needs If-Match', params: idParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteQuote(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
  registerLineRoutes(app);
}

function registerLineRoutes(app: App): void {
  app.post(
    '/quotes/:id/lines',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Add a line and re-price (If-Match optional)', params: idParams, body: lineInputSchema, response: { 201: quoteSchema } } },
    async (request, reply) => {
      const quote = await addQuoteLine(request.ctx, { quoteId: request.params.id, expectedVersion: optionalExpectedVersion(request), line: request.body });
      setEtag(reply, quote.version);
      return reply.status(201).send(quote);
    },
  );
  app.patch(
    '/quotes/:id/lines/:lineId',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Change a line and re-price (If-Match optional)', params: lineParams, body: updateLineSchema, response: { 200: quoteSchema } } },
    async (request, reply) => {
      const { id, lineId } = request.params;
      const quote = await updateQuoteLine(request.ctx, { quoteId: id, lineId, expectedVersion: optionalExpectedVersion(request), changes: request.body });
      setEtag(reply, quote.version);
      return quote;
    },
  );
  app.delete(
    '/quotes/:id/lines/:lineId',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Remove a line and re-price (If-Match optional)', params: lineParams, response: { 200: quoteSchema } } },
    async (request, reply) => {
      const { id, lineId } = request.params;
      const quote = await removeQuoteLine(request.ctx, { quoteId: id, lineId, expectedVersion: optionalExpectedVersion(request) });
      setEtag(reply, quote.version);
      return quote;
    },
  );
}
