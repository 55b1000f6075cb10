import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../shared/http/problem-schema.ts';
import type { App } from '../shared/http/route-types.ts';

const PROBLEM_RESPONSE = { $ref: '#/components/responses/Problem' };
const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The Problem schema as JSON Schema 2020-12, the dialect of OpenAPI 3.1. */
function problemJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(problemSchema, { target: 'draft-2020-12', io: 'output' });
  return schema;
}

type Operations = Record<string, { responses?: Record<string, unknown> } | undefined>;

/**
 * Every API operation answers an error as problem+json (src/http/problem.ts): each lists the
 * Problem response for 4XX and 5XX beside its own, so /docs shows the error format, field errors
 * with their params included, where a client reads the operation.
 */
function withProblemResponses<T extends { paths?: unknown }>(document: T): T {
  const paths = (document.paths ?? {}) as Record<string, Operations | undefined>;
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/api/') || item === undefined) continue;
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      operation.responses = { ...operation.responses, '4XX': PROBLEM_RESPONSE, '5XX': PROBLEM_RESPONSE };
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the routes' zod schemas, browsable at /docs. */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Revline API',
        version: '1',
        description:
          'Revenue operations: one data model from lead to ledger. Errors are RFC 9457 application/problem+json (the Problem schema); ' +
          'a field error carries the parameters of the check that failed (params: a limit, a format, the allowed values). ' +
          'POSTs that create records accept Idempotency-Key; updates require If-Match with the record ETag.',
      },
      components: {
        schemas: { Problem: problemJsonSchema() },
        responses: {
          Problem: {
            description: 'An error, as RFC 9457 problem details; a 400 validation_failed lists its field errors with the parameters of each check (params)',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer rvl_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'revline_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => ('openapiObject' in documentObject ? withProblemResponses(documentObject.openapiObject) : documentObject.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
