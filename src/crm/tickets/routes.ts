import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { createTicket } from './create-ticket.ts';
import { deleteTicket } from './delete-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { listTickets } from './list-tickets.ts';
import { createTicketSchema, listTicketsQuerySchema, ticketSchema, updateTicketBodySchema } from './schema.ts';
import { updateTicket } from './update-ticket.ts';

// Reps and managers read the tickets of their team's accounts (scope by account owner); support work is Success's.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'success'];
const tags = ['tickets'];
const idParams = z.object({ id: z.string().min(1).max(100) });

export const ticketRoutes: RoutePlugin = (app: App) => {
  app.get(
    '/tickets',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List support tickets (keyset pages)', querystring: listTicketsQuerySchema, response: { 200: pageSchema(ticketSchema) } } },
    async (request) => listTickets(request.ctx, request.query),
  );
  app.get(
    '/tickets/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a ticket; the ETag is its version', params: idParams, response: { 200: ticketSchema } } },
    async (request, reply) => {
      const ticket = await getTicket(request.ctx, request.params.id);
      setEtag(reply, ticket.version);
      return ticket;
    },
  );
  app.post(
    '/tickets',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a ticket (accepts Idempotency-Key)', body: createTicketSchema, response: { 201: ticketSchema } } },
    async (request, reply) => {
      const ticket = await createTicket(request.ctx, request.body);
      setEtag(reply, ticket.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${ticket.id}`).send(ticket);
    },
  );
  app.patch(
    '/tickets/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a ticket; needs If-Match or "version"', params: idParams, body: updateTicketBodySchema, response: { 200: ticketSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const ticket = await updateTicket(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, ticket.version);
      return ticket;
    },
  );
  app.delete(
    '/tickets/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a ticket; needs If-Match', params: idParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteTicket(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
};
