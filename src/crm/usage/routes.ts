import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { toIsoDate } from '../../shared/dates.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { getAccount } from '../get-account.ts';
import { plainDateSchema } from '../schema.ts';
import { getUsage } from './get-usage.ts';
import {
  adoptionListSchema, adoptionSchema, seatsQuerySchema, upsertResultSchema, upsertSeatsBodySchema, upsertUsageBodySchema, usageQuerySchema,
  usageSeriesSchema,
} from './schema.ts';
import { getAdoption, listAdoption, upsertSeats } from './seats.ts';
import { upsertUsage } from './upsert-usage.ts';

// Reads follow the account (reps see their team's accounts); usage feeds come from Success and RevOps tooling.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'success'];
const tags = ['usage'];
const idParams = z.object({ id: z.string().min(1).max(100) });

function registerUsage(app: App): void {
  app.get(
    '/accounts/:id/usage',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Usage summed per day, week or month and feature over [startDate, endDate)', params: idParams, querystring: usageQuerySchema, response: { 200: usageSeriesSchema } } },
    async (request) => getUsage(request.ctx, { accountId: request.params.id, ...request.query }),
  );
  app.post(
    '/accounts/:id/usage',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set daily usage counts (replace per date and feature; repeatable)', params: idParams, body: upsertUsageBodySchema, response: { 200: upsertResultSchema } } },
    async (request) => {
      await getAccount(request.ctx, request.params.id);
      return upsertUsage(request.ctx, request.body.rows.map((row) => ({ ...row, accountId: request.params.id })));
    },
  );
}

function registerSeats(app: App): void {
  app.get(
    '/accounts/:id/seats',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Seat snapshots with adoption rates', params: idParams, querystring: seatsQuerySchema, response: { 200: adoptionListSchema } } },
    async (request) => ({ data: await listAdoption(request.ctx, { accountId: request.params.id, ...request.query }) }),
  );
  app.post(
    '/accounts/:id/seats',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set seat snapshots (replace per date; repeatable)', params: idParams, body: upsertSeatsBodySchema, response: { 200: upsertResultSchema } } },
    async (request) => upsertSeats(request.ctx, request.params.id, request.body.snapshots),
  );
  app.get(
    '/accounts/:id/adoption',
    {
      config: { access: READ_ROLES },
      schema: {
        tags, summary: 'Adoption in force on a date (default today, UTC)', params: idParams,
        querystring: z.object({ asOfDate: plainDateSchema.optional() }).strict(),
        response: { 200: z.object({ asOfDate: z.string(), snapshot: adoptionSchema.nullable() }) },
      },
    },
    async (request) => {
      const asOfDate = request.query.asOfDate ?? toIsoDate(request.ctx.clock.today());
      return { asOfDate, snapshot: await getAdoption(request.ctx, request.params.id, asOfDate) };
    },
  );
}

export const usageRoutes: RoutePlugin = (app) => {
  registerUsage(app);
  registerSeats(app);
};
