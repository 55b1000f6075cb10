import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { sendPdf } from '../document/routes.ts';
import { idParams, QUOTE_WRITE_ROLES, quoteTags as tags } from '../route-kit.ts';
import { acceptQuoteByApi } from './accept-by-api.ts';
import { acceptQuoteByLink } from './accept-by-link.ts';
import { reissueAcceptanceLink } from './reissue-link.ts';
import { acceptanceLinkSchema, acceptanceSchema, apiAcceptBodySchema, publicAcceptBodySchema, publicQuoteSchema } from './schema.ts';
import { getPublicQuoteDocument, viewPublicQuote } from './view-public-quote.ts';

// Accepting for a customer is an integration's job (an e-signature provider's webhook with its own
// API key); a rep must never be able to accept their own quote.
export const API_ACCEPT_ROLES: readonly Role[] = ['admin', 'revops'];
const publicTags = ['public quotes'];
const tokenParams = z.object({ token: z.string().min(1).max(200) });

function evidenceOf(request: FastifyRequest) {
  const userAgent = request.headers['user-agent'];
  return { ipAddress: request.ip || null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

export function registerAcceptanceRoutes(app: App): void {
  app.get(
    '/public/quotes/:token',
    { config: { access: 'public' }, schema: { tags: publicTags, summary: 'The quote behind an acceptance link (no login)', params: tokenParams, response: { 200: publicQuoteSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return viewPublicQuote(request.ctx, request.params.token);
    },
  );
  app.get(
    '/public/quotes/:token/document.pdf',
    { config: { access: 'public' }, schema: { tags: publicTags, summary: 'The quote document behind an acceptance link', params: tokenParams } },
    async (request, reply) => sendPdf(reply, await getPublicQuoteDocument(request.ctx, request.params.token)),
  );
  app.post(
    '/public/quotes/:token/accept',
    {
      config: { access: 'public', idempotent: false },
      schema: { tags: publicTags, summary: 'Accept the quote: typed name, e-mail and a typed or drawn signature; publishes quote.accepted', params: tokenParams, body: publicAcceptBodySchema, response: { 201: acceptanceSchema } },
    },
    async (request, reply) => reply.status(201).send(await acceptQuoteByLink(request.ctx, { token: request.params.token, input: request.body, ...evidenceOf(request) })),
  );
  app.post(
    '/quotes/:id/accept',
    {
      config: { access: API_ACCEPT_ROLES },
      schema: { tags, summary: "Record a customer's acceptance from an e-signature provider; publishes quote.accepted", params: idParams, body: apiAcceptBodySchema, response: { 201: acceptanceSchema } },
    },
    async (request, reply) => reply.status(201).send(await acceptQuoteByApi(request.ctx, { quoteId: request.params.id, input: request.body, ...evidenceOf(request) })),
  );
  app.post(
    '/quotes/:id/acceptance-link',
    {
      config: { access: QUOTE_WRITE_ROLES },
      schema: { tags, summary: 'A new acceptance link for a sent quote, revoking the previous one (the token is shown once)', params: idParams, body: z.strictObject({}).nullish(), response: { 201: acceptanceLinkSchema } },
    },
    async (request, reply) => reply.status(201).send(await reissueAcceptanceLink(request.ctx, request.params.id)),
  );
}
