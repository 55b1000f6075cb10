import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { createDefinition } from './create-definition.ts';
import { getDefinition, listDefinitions } from './list-definitions.ts';
import {
  createDefinitionSchema, CUSTOM_FIELD_ENTITY_TYPES, customFieldKeySchema, definitionListSchema, definitionSchema, listDefinitionsQuerySchema,
  updateDefinitionBodySchema,
} from './schema.ts';
import { updateDefinition } from './update-definition.ts';

// Every role that edits or reads records needs the definitions to render them; admins and RevOps define them.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops'];
const tags = ['custom-fields'];
const definitionParams = z.object({ entityType: z.enum(CUSTOM_FIELD_ENTITY_TYPES), key: customFieldKeySchema });

export const customFieldRoutes: RoutePlugin = (app: App) => {
  app.get(
    '/custom-fields',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List custom field definitions', querystring: listDefinitionsQuerySchema, response: { 200: definitionListSchema } } },
    async (request) => listDefinitions(request.ctx, request.query),
  );
  app.get(
    '/custom-fields/:entityType/:key',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a custom field definition', params: definitionParams, response: { 200: definitionSchema } } },
    async (request, reply) => {
      const definition = await getDefinition(request.ctx, request.params.entityType, request.params.key);
      setEtag(reply, definition.version);
      return definition;
    },
  );
  app.post(
    '/custom-fields',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Define a custom field', body: createDefinitionSchema, response: { 201: definitionSchema } } },
    async (request, reply) => {
      const definition = await createDefinition(request.ctx, request.body);
      setEtag(reply, definition.version);
      const location = `${request.url.split('?')[0]}/${definition.entityType}/${definition.key}`;
      return reply.status(201).header('location', location).send(definition);
    },
  );
  app.patch(
    '/custom-fields/:entityType/:key',
    {
      config: { access: WRITE_ROLES },
      schema: { tags, summary: 'Update or deactivate a custom field (there is no delete); needs If-Match', params: definitionParams, body: updateDefinitionBodySchema, response: { 200: definitionSchema } },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const { entityType, key } = request.params;
      const definition = await updateDefinition(request.ctx, { entityType, key, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, definition.version);
      return definition;
    },
  );
};
