import { z } from 'zod';
import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from '../contacts/route-kit.ts';
import { convertLead } from './convert-lead.ts';
import { convertLeadResultSchema, convertLeadSchema } from './convert-schema.ts';
import { createLead } from './create-lead.ts';
import { deleteLead } from './delete-lead.ts';
import { getLead, listLeadStatusHistory } from './get-lead.ts';
import { listLeads } from './list-leads.ts';
import { registerLeadStatusRoutes } from './routes-statuses.ts';
import { createLeadSchema, leadSchema, listLeadsQuerySchema, updateLeadBodySchema } from './schema.ts';
import { updateLead } from './update-lead.ts';

const historySchema = z.object({
  data: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), changedAt: z.string(), actorType: z.string(), actorId: z.string() })),
});

function registerLeadReads(app: App): void {
  app.get(
    '/leads',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List leads (keyset pages)', querystring: listLeadsQuerySchema, response: { 200: pageSchema(leadSchema) } } },
    async (request) => listLeads(request.ctx, request.query),
  );
  app.get(
    '/leads/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a lead; the ETag is its version', params: idParams, response: { 200: leadSchema } } },
    async (request, reply) => {
      const lead = await getLead(request.ctx, request.params.id);
      setEtag(reply, lead.version);
      return lead;
    },
  );
  app.get(
    '/leads/:id/status-history',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Every status the lead entered, oldest first', params: idParams, response: { 200: historySchema } } },
    async (request) => listLeadStatusHistory(request.ctx, request.params.id),
  );
}

function registerLeadWrites(app: App): void {
  app.post(
    '/leads',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a lead; 409 when an open lead has the e-mail (accepts Idempotency-Key)', body: createLeadSchema, response: { 201: leadSchema } } },
    async (request, reply) => sendCreated(request, reply, await createLead(request.ctx, request.body)),
  );
  app.patch(
    '/leads/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a lead or move it to another status; needs If-Match or "version"', params: idParams, body: updateLeadBodySchema, response: { 200: leadSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const lead = await updateLead(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, lead.version);
      return lead;
    },
  );
  app.delete(
    '/leads/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a lead; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deleteLead(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/leads/:id/convert',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Convert a lead to account, contact and optionally opportunity, in one transaction; 409 if already converted', params: idParams, body: convertLeadSchema, response: { 200: convertLeadResultSchema } } },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const expectedVersion = typeof ifMatch === 'string' && ifMatch !== '' ? requireExpectedVersion(request, request.body.version) : undefined;
      const result = await convertLead(request.ctx, { id: request.params.id, input: request.body, ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
      setEtag(reply, result.lead.version);
      return result;
    },
  );
}

export const leadRoutes: RoutePlugin = (app) => {
  registerLeadReads(app);
  registerLeadWrites(app);
  registerLeadStatusRoutes(app);
};
