import type { Role } from '../../shared/access.ts';
import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from '../contacts/route-kit.ts';
import { createActivity } from './create-activity.ts';
import { deleteActivity } from './delete-activity.ts';
import { getActivity } from './get-activity.ts';
import { listActivities } from './list-activities.ts';
import { activitySchema, createActivitySchema, listActivitiesQuerySchema, updateActivityBodySchema } from './schema.ts';
import { updateActivity } from './update-activity.ts';

// Customer success logs calls and tasks too.
const ACTIVITY_WRITE_ROLES: readonly Role[] = [...WRITE_ROLES, 'success'];

function registerActivityReads(app: App): void {
  app.get(
    '/activities',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List activities: the timeline by account, contact, lead or opportunity', querystring: listActivitiesQuerySchema, response: { 200: pageSchema(activitySchema) } } },
    async (request) => listActivities(request.ctx, request.query),
  );
  app.get(
    '/activities/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get an activity; the ETag is its version', params: idParams, response: { 200: activitySchema } } },
    async (request, reply) => {
      const activity = await getActivity(request.ctx, request.params.id);
      setEtag(reply, activity.version);
      return activity;
    },
  );
}

function registerActivityWrites(app: App): void {
  app.post(
    '/activities',
    { config: { access: ACTIVITY_WRITE_ROLES }, schema: { tags, summary: 'Log a call, meeting or e-mail, or create a task (accepts Idempotency-Key)', body: createActivitySchema, response: { 201: activitySchema } } },
    async (request, reply) => sendCreated(request, reply, await createActivity(request.ctx, request.body)),
  );
  app.patch(
    '/activities/:id',
    { config: { access: ACTIVITY_WRITE_ROLES }, schema: { tags, summary: 'Update an activity or complete a task; needs If-Match or "version"', params: idParams, body: updateActivityBodySchema, response: { 200: activitySchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const activity = await updateActivity(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, activity.version);
      return activity;
    },
  );
  app.delete(
    '/activities/:id',
    { config: { access: ACTIVITY_WRITE_ROLES }, schema: { tags, summary: 'Soft-delete an activity; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deleteActivity(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

export const activityRoutes: RoutePlugin = (app) => {
  registerActivityReads(app);
  registerActivityWrites(app);
};
