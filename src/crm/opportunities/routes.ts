import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { changeOpportunityStage } from './change-stage.ts';
import { createOpportunity } from './create-opportunity.ts';
import { deleteOpportunity } from './delete-opportunity.ts';
import { getOpportunity } from './get-opportunity.ts';
import { listOpportunities } from './list-opportunities.ts';
import {
  changeStageBodySchema, createOpportunitySchema, listOpportunitiesQuerySchema, opportunitySchema, stageHistoryEntrySchema,
  stageHistoryImportSchema, updateOpportunityBodySchema,
} from './schema.ts';
import { listStageHistory, recordStageHistory } from './stage-history.ts';
import { updateOpportunity } from './update-opportunity.ts';

// Reps and managers pass these gates but are further limited to their team's records (scope.ts).
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];
// Rewriting history is an import/data-correction task, not a sales one.
const HISTORY_WRITE_ROLES: readonly Role[] = ['admin', 'revops'];
const tags = ['opportunities'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const historySchema = z.object({ data: z.array(stageHistoryEntrySchema) });

function registerReads(app: App): void {
  app.get(
    '/opportunities',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List opportunities (keyset pages)', querystring: listOpportunitiesQuerySchema, response: { 200: pageSchema(opportunitySchema) } } },
    async (request) => listOpportunities(request.ctx, request.query),
  );
  app.get(
    '/opportunities/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get an opportunity; the ETag is its version', params: idParams, response: { 200: opportunitySchema } } },
    async (request, reply) => {
      const opportunity = await getOpportunity(request.ctx, request.params.id);
      setEtag(reply, opportunity.version);
      return opportunity;
    },
  );
  app.get(
    '/opportunities/:id/stage-history',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Stage history with time in each stage', params: idParams, response: { 200: historySchema } } },
    async (request) => ({ data: await listStageHistory(request.ctx, request.params.id) }),
  );
}

function registerWrites(app: App): void {
  app.post(
    '/opportunities',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create an opportunity (accepts Idempotency-Key)', body: createOpportunitySchema, response: { 201: opportunitySchema } } },
    async (request, reply) => {
      const opportunity = await createOpportunity(request.ctx, request.body);
      setEtag(reply, opportunity.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${opportunity.id}`).send(opportunity);
    },
  );
  app.patch(
    '/opportunities/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update an opportunity; needs If-Match or "version"', params: idParams, body: updateOpportunityBodySchema, response: { 200: opportunitySchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const opportunity = await updateOpportunity(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, opportunity.version);
      return opportunity;
    },
  );
  app.post(
    '/opportunities/:id/stage',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Move to a stage (lostReason required for lost stages); needs If-Match or "version"', params: idParams, body: changeStageBodySchema, response: { 200: opportunitySchema } } },
    async (request, reply) => {
      const { version, ...move } = request.body;
      const opportunity = await changeOpportunityStage(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), ...move });
      setEtag(reply, opportunity.version);
      return opportunity;
    },
  );
  app.delete(
    '/opportunities/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete an opportunity; needs If-Match', params: idParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteOpportunity(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/opportunities/:id/stage-history',
    {
      config: { access: HISTORY_WRITE_ROLES },
      schema: { tags, summary: 'Replace the stage history (imports): ordered, non-overlapping, last entry current', params: idParams, body: z.object({ entries: stageHistoryImportSchema }).strict(), response: { 200: historySchema } },
    },
    async (request) => ({ data: await recordStageHistory(request.ctx, request.params.id, request.body.entries) }),
  );
}

export const opportunityRoutes: RoutePlugin = (app) => {
  registerReads(app);
  registerWrites(app);
};
