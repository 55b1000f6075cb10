import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { App } from '../shared/http/route-types.ts';

/** OpenAPI 3.1 generated from the routes' zod schemas, browsable at /docs. */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Revline API',
        version: '1',
        description:
          'Revenue operations: one data model from lead to ledger. Errors are RFC 9457 application/problem+json. ' +
          'POSTs that create records accept Idempotency-Key; updates require If-Match with the record ETag.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer rvl_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'revline_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
