import { z } from 'zod';
import { decodeCursor, pageQuerySchema, pageSchema, toPage } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import {
  createdWebhookEndpointSchema, createWebhookBodySchema, updateWebhookBodySchema, webhookDeliverySchema, webhookEndpointSchema,
} from './schema.ts';
import {
  createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints,
  retryWebhookDelivery, updateWebhookEndpoint,
} from './service.ts';

const admin = { access: ['admin'] as const };
const tags = ['webhooks'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const deliveryParams = idParams.extend({ deliveryId: z.string().min(1).max(100) });

function registerEndpointRoutes(app: App): void {
  app.post(
    '/webhooks',
    { config: admin, schema: { tags, summary: 'Register an endpoint; the signing secret is shown only in this response', body: createWebhookBodySchema, response: { 201: createdWebhookEndpointSchema } } },
    async (request, reply) => {
      const created = await createWebhookEndpoint(request.ctx, request.body);
      setEtag(reply, created.version);
      void reply.header('location', `/api/v1/webhooks/${created.id}`);
      return reply.status(201).send(created);
    },
  );
  app.get('/webhooks', { config: admin, schema: { tags, querystring: pageQuerySchema, response: { 200: pageSchema(webhookEndpointSchema) } } }, async (request) => {
    const after = decodeCursor(request.query.cursor);
    const endpoints = await listWebhookEndpoints(request.ctx, { limit: request.query.limit + 1, afterId: after?.id ?? null });
    return toPage(endpoints, request.query.limit, (e) => ({ sortValue: null, id: e.id }), (e) => e);
  });
  app.get('/webhooks/:id', { config: admin, schema: { tags, params: idParams, response: { 200: webhookEndpointSchema } } }, async (request, reply) => {
    const endpoint = await getWebhookEndpoint(request.ctx, request.params.id);
    setEtag(reply, endpoint.version);
    return endpoint;
  });
  app.patch(
    '/webhooks/:id',
    { config: admin, schema: { tags, summary: 'Change an endpoint; needs If-Match (or version)', params: idParams, body: updateWebhookBodySchema, response: { 200: webhookEndpointSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const endpoint = await updateWebhookEndpoint(request.ctx, request.params.id, changes, requireExpectedVersion(request, version));
      setEtag(reply, endpoint.version);
      return endpoint;
    },
  );
  app.delete(
    '/webhooks/:id',
    {
      config: admin,
      schema: { tags, summary: 'Delete an endpoint (needs If-Match); its pending deliveries are abandoned. PATCH enabled=false to pause instead', params: idParams },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(request.ctx, request.params.id, requireExpectedVersion(request));
      return reply.status(204).send();
    },
  );
}

function registerDeliveryRoutes(app: App): void {
  app.get(
    '/webhooks/:id/deliveries',
    { config: admin, schema: { tags, summary: 'Delivery log, newest first', params: idParams, querystring: pageQuerySchema, response: { 200: pageSchema(webhookDeliverySchema) } } },
    async (request) => {
      const before = decodeCursor(request.query.cursor);
      const deliveries = await listWebhookDeliveries(request.ctx, request.params.id, { limit: request.query.limit + 1, beforeId: before?.id ?? null });
      return toPage(deliveries, request.query.limit, (d) => ({ sortValue: null, id: d.id }), (d) => d);
    },
  );
  app.post(
    '/webhooks/:id/deliveries/:deliveryId/retry',
    // Retrying twice is harmless (the second finds the row already due), so no Idempotency-Key bookkeeping.
    { config: { ...admin, idempotent: false }, schema: { tags, summary: 'Attempt a pending or dead delivery again now', params: deliveryParams, response: { 200: webhookDeliverySchema } } },
    async (request) => retryWebhookDelivery(request.ctx, request.params.id, request.params.deliveryId),
  );
}

export const webhookRoutes: RoutePlugin = (app) => {
  registerEndpointRoutes(app);
  registerDeliveryRoutes(app);
};
