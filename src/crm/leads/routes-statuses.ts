import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { READ_ROLES, tags } from '../contacts/route-kit.ts';
import { createLeadStatus, listLeadStatuses, updateLeadStatus } from './lead-statuses.ts';
import { createLeadStatusSchema, leadStatusKeyParams, leadStatusSchema, updateLeadStatusBodySchema } from './status-schema.ts';

// Every reading role may list the statuses (forms and filters need them); only admin and revops
// configure the lifecycle.
const CONFIG_ROLES: readonly Role[] = ['admin', 'revops'];

export function registerLeadStatusRoutes(app: App): void {
  app.get(
    '/lead-statuses',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'The lead lifecycle: statuses in order, each in a funnel stage', response: { 200: z.object({ data: z.array(leadStatusSchema) }) } } },
    async (request) => listLeadStatuses(request.ctx),
  );
  app.post(
    '/lead-statuses',
    { config: { access: CONFIG_ROLES }, schema: { tags, summary: 'Add a lead status', body: createLeadStatusSchema, response: { 201: leadStatusSchema } } },
    async (request, reply) => {
      const status = await createLeadStatus(request.ctx, request.body);
      setEtag(reply, status.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${status.key}`).send(status);
    },
  );
  app.patch(
    '/lead-statuses/:key',
    { config: { access: CONFIG_ROLES }, schema: { tags, summary: 'Relabel, reorder or make default; needs If-Match or "version"', params: leadStatusKeyParams, body: updateLeadStatusBodySchema, response: { 200: leadStatusSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const status = await updateLeadStatus(request.ctx, { key: request.params.key, expectedVersion, changes });
      setEtag(reply, status.version);
      return status;
    },
  );
}
