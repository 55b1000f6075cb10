import { z } from 'zod';
import type { RoutePlugin } from '../shared/http/route-types.ts';
import { CUSTOMER360_READ_ROLES } from './access.ts';
import { getCustomer360 } from './get-customer-360.ts';
import { listTimeline } from './list-timeline.ts';
import { customer360QuerySchema, customer360Schema, timelinePageSchema, timelineQuerySchema } from './schema.ts';

const tags = ['customer360'];
const idParams = z.object({ id: z.string().min(1).max(100) });

export const customer360Routes: RoutePlugin = (app) => {
  app.get(
    '/accounts/:id/360',
    {
      config: { access: CUSTOMER360_READ_ROLES },
      schema: {
        tags, summary: 'Customer 360: hierarchy, contacts, marketing, sales, finance, success and the merged timeline of one account',
        params: idParams, querystring: customer360QuerySchema, response: { 200: customer360Schema },
      },
    },
    async (request) => getCustomer360(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/accounts/:id/360/timeline',
    {
      config: { access: CUSTOMER360_READ_ROLES },
      schema: { tags, summary: 'The account’s merged timeline, most recent first (keyset pages)', params: idParams, querystring: timelineQuerySchema, response: { 200: timelinePageSchema } },
    },
    async (request) => listTimeline(request.ctx, request.params.id, request.query),
  );
};
