import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-views.ts';
import { createSavedViewSchema, listSavedViewsQuerySchema, savedViewSchema, updateSavedViewBodySchema } from './schema.ts';

// A view only remembers filters of lists the user can already read, and only for that user.
const ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const tags = ['saved-views'];
const idParams = z.object({ id: z.string().min(1).max(100) });

export const savedViewRoutes: RoutePlugin = (app: App) => {
  app.get(
    '/saved-views',
    { config: { access: ROLES }, schema: { tags, summary: "The signed-in user's saved views of a list", querystring: listSavedViewsQuerySchema, response: { 200: z.object({ data: z.array(savedViewSchema) }) } } },
    async (request) => ({ data: await listSavedViews(request.ctx, request.query) }),
  );
  app.post(
    '/saved-views',
    { config: { access: ROLES }, schema: { tags, summary: 'Save a named view (409 if the name is taken in that list)', body: createSavedViewSchema, response: { 201: savedViewSchema } } },
    async (request, reply) => {
      const view = await createSavedView(request.ctx, request.body);
      setEtag(reply, view.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${view.id}`).send(view);
    },
  );
  app.patch(
    '/saved-views/:id',
    { config: { access: ROLES }, schema: { tags, summary: 'Rename a view or replace its filters; needs If-Match or "version"', params: idParams, body: updateSavedViewBodySchema, response: { 200: savedViewSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const view = await updateSavedView(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, view.version);
      return view;
    },
  );
  app.delete(
    '/saved-views/:id',
    { config: { access: ROLES }, schema: { tags, summary: 'Delete one of your saved views', params: idParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteSavedView(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
