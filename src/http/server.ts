import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import type { Clock } from '../shared/clock.ts';
import type { Config } from '../shared/config.ts';
import type { DatabaseHandle } from '../shared/db/open-database.ts';
import type { App, RouteAccess } from '../shared/http/route-types.ts';
import { authorizeRequest } from './auth-hook.ts';
import { parseJsonBody } from './json-body.ts';
import { claimIdempotencyKey, completeIdempotencyKey } from './idempotency.ts';
import { registerObservability } from './observability.ts';
import { answerUnrouted } from './method-not-allowed.ts';
import { registerOpenApi } from './openapi.ts';
import { buildProblem, internalProblem, sendProblem, toAppError } from './problem.ts';
import { API_ROUTE_PLUGINS } from './route-plugins.ts';
import { refuseUnstorableParameters } from './unstorable-text.ts';
import { registerWebApp } from './web-app.ts';

export type ServerDeps = {
  database: DatabaseHandle;
  clock: Clock;
  config: Pick<Config, 'bodyLimitBytes' | 'secureCookies' | 'publicUrl'>;
  logger: Logger;
};

export type RouteCatalogEntry = { method: string; url: string; access: RouteAccess; hidden: boolean; immutable?: string | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access: the source for the access and OpenAPI tests. */
    routeCatalog: RouteCatalogEntry[];
  }
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9_\-.:]{8,128}$/;

export async function buildServer(deps: ServerDeps): Promise<App> {
  const options: FastifyServerOptions = {
    loggerInstance: deps.logger,
    bodyLimit: deps.config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : `req_${randomUUID()}`;
    },
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a path that is not valid percent-encoding, a segment longer than
    // maxParamLength) come here, before any hook: they are problems like every other error.
    frameworkErrors: (error, request, reply) => {
      void reply.header('x-request-id', request.id);
      const appError = toAppError(error);
      return sendProblem(reply, appError ? buildProblem(appError, request) : internalProblem(request));
    },
  };
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, async (request: FastifyRequest, body: string | Buffer) =>
    parseJsonBody(request, body.toString()),
  );

  const catalog: RouteCatalogEntry[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    // Fail closed at start-up: an API route without an access rule is a bug, not a public route.
    if (route.url.startsWith('/api/') && access === undefined) throw new Error(`Route ${methods.join(',')} ${route.url} declares no config.access`);
    for (const method of methods) {
      if (method !== 'HEAD') catalog.push({ method, url: route.url, access: access ?? 'public', hidden: route.schema?.hide === true, immutable: route.config?.immutable });
    }
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    request.ctx = { db: deps.database.db, clock: deps.clock, actor: SYSTEM_ACTOR, log: request.log, requestId: request.id };
    // The built app's files (web-app.ts) are public and depend on nobody's session: no session
    // look-up for them, which would wait for the database behind a report being computed (issue #7).
    if (request.routeOptions.url?.startsWith('/assets/') === true) return;
    await authorizeRequest(request);
  });
  app.addHook('preValidation', refuseUnstorableParameters);
  app.addHook('preHandler', claimIdempotencyKey);
  app.addHook('onSend', async (request, reply, payload) => {
    await completeIdempotencyKey(request, reply, payload);
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error, url: request.url, actor: request.actor?.id }, 'unhandled error');
      return sendProblem(reply, internalProblem(request));
    }
    if (appError.status >= 500) request.log.error({ err: error }, appError.message);
    return sendProblem(reply, buildProblem(appError, request));
  });
  // A path that exists with other methods is a 405 with Allow, not a 404 (method-not-allowed.ts).
  app.setNotFoundHandler((request, reply) => answerUnrouted(catalog, request, reply));

  await registerOpenApi(app);
  registerObservability(app, deps.database);
  await app.register(
    async (api) => {
      for (const plugin of API_ROUTE_PLUGINS) await plugin(api as App);
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app);
  return app as App;
}
