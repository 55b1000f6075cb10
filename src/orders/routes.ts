import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { getOrder, listOrders } from './get-order.ts';
import { recordProvisioning, retryProvisioning } from './record-provisioning.ts';
import { listOrdersQuerySchema, orderSchema, orderSummarySchema, provisioningCallbackSchema } from './schema.ts';

// Everyone who follows deals reads orders (reps and managers: their team's, by owner scope).
export const ORDER_READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'sales_rep', 'sales_manager', 'success', 'viewer'];
// The provisioning system reports with an API key of one of these roles; people may retry.
export const PROVISIONING_ROLES: readonly Role[] = ['admin', 'revops'];
export const PROVISIONING_RETRY_ROLES: readonly Role[] = ['admin', 'revops', 'success'];

const tags = ['orders'];
const idParams = z.object({ id: z.string().min(1).max(100) });

function registerOrderRoutes(app: App): void {
  app.get(
    '/orders',
    { config: { access: ORDER_READ_ROLES }, schema: { tags, summary: 'List orders (keyset pages, oldest first, without lines)', querystring: listOrdersQuerySchema, response: { 200: pageSchema(orderSummarySchema) } } },
    async (request) => listOrders(request.ctx, request.query),
  );
  app.get(
    '/orders/:id',
    { config: { access: ORDER_READ_ROLES }, schema: { tags, summary: 'An order with its lines, booking, provisioning status and quote id', params: idParams, response: { 200: orderSchema } } },
    async (request) => getOrder(request.ctx, request.params.id),
  );
  app.post(
    '/orders/:id/provisioning',
    {
      config: { access: PROVISIONING_ROLES, idempotent: false },
      schema: { tags, summary: 'Provisioning callback: fulfilled or failed (shown on the order; publishes provisioning.fulfilled / provisioning.failed)', params: idParams, body: provisioningCallbackSchema, response: { 200: orderSchema } },
    },
    async (request) => recordProvisioning(request.ctx, { orderId: request.params.id, callback: request.body }),
  );
  app.post(
    '/orders/:id/provisioning/retry',
    {
      config: { access: PROVISIONING_RETRY_ROLES, idempotent: false },
      schema: { tags, summary: 'Request a failed provisioning again (republishes provisioning.requested)', params: idParams, body: z.strictObject({}).nullish(), response: { 200: orderSchema } },
    },
    async (request) => retryProvisioning(request.ctx, { orderId: request.params.id }),
  );
}

export const orderRoutes: RoutePlugin = (app) => {
  registerOrderRoutes(app);
};
