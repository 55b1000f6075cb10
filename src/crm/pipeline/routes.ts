import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { createStage } from './create-stage.ts';
import { deleteStage } from './delete-stage.ts';
import { getStage, listStages } from './list-stages.ts';
import { reorderStages } from './reorder-stages.ts';
import { createStageSchema, listStagesQuerySchema, reorderStagesSchema, stageKeySchema, stageListSchema, stageSchema, updateStageBodySchema } from './schema.ts';
import { updateStage } from './update-stage.ts';

// Everyone who reads opportunities needs the stages; only admins and RevOps shape the pipeline.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops'];
const tags = ['pipeline'];
const keyParams = z.object({ key: stageKeySchema });

function registerStageReads(app: App): void {
  app.get(
    '/pipeline-stages',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List the pipeline stages in order', querystring: listStagesQuerySchema, response: { 200: stageListSchema } } },
    async (request) => listStages(request.ctx, request.query),
  );
  app.get(
    '/pipeline-stages/:key',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a stage; the ETag is its version', params: keyParams, response: { 200: stageSchema } } },
    async (request, reply) => {
      const stage = await getStage(request.ctx, request.params.key);
      setEtag(reply, stage.version);
      return stage;
    },
  );
}

function registerStageWrites(app: App): void {
  app.post(
    '/pipeline-stages',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Add a stage at the end of the pipeline', body: createStageSchema, response: { 201: stageSchema } } },
    async (request, reply) => {
      const stage = await createStage(request.ctx, request.body);
      setEtag(reply, stage.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${stage.key}`).send(stage);
    },
  );
  app.post(
    '/pipeline-stages/reorder',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set the order of all stages', body: reorderStagesSchema, response: { 200: stageListSchema } } },
    async (request) => reorderStages(request.ctx, request.body),
  );
  app.patch(
    '/pipeline-stages/:key',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update or deactivate a stage; needs If-Match or "version"', params: keyParams, body: updateStageBodySchema, response: { 200: stageSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const stage = await updateStage(request.ctx, { key: request.params.key, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, stage.version);
      return stage;
    },
  );
  app.delete(
    '/pipeline-stages/:key',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Delete a stage never used (422 otherwise: deactivate it); needs If-Match', params: keyParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteStage(request.ctx, { key: request.params.key, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

export const pipelineRoutes: RoutePlugin = (app) => {
  registerStageReads(app);
  registerStageWrites(app);
};
