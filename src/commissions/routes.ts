import { z } from 'zod';
import type { RoutePlugin } from '../shared/http/route-types.ts';
import { PLAN_READ_ROLES, PLAN_WRITE_ROLES, STATEMENT_ROLES } from './access.ts';
import { planJsonSchema, planToJson, statementJsonSchema, statementToJson } from './api-json.ts';
import { createPlan } from './create-plan.ts';
import { deletePlan } from './delete-plan.ts';
import { getStatement } from './get-statement.ts';
import { getPlan, listPlans } from './plan-repo.ts';
import { createPlanSchema, statementQuerySchema, updatePlanSchema } from './schema.ts';
import { updatePlan } from './update-plan.ts';

const tags = ['commissions'];
const idParams = z.object({ id: z.string().min(1).max(100) });

export const commissionRoutes: RoutePlugin = (app) => {
  app.get('/commission-plans',
    { config: { access: PLAN_READ_ROLES }, schema: { tags, summary: 'List comp plans', response: { 200: z.object({ data: z.array(planJsonSchema) }) } } },
    async (request) => ({ data: (await listPlans(request.ctx)).map(planToJson) }));
  app.post('/commission-plans',
    { config: { access: PLAN_WRITE_ROLES }, schema: { tags, summary: 'Create a comp plan (rates by deal type and product family)', body: createPlanSchema, response: { 201: planJsonSchema } } },
    async (request, reply) => {
      const plan = await createPlan(request.ctx, request.body);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${plan.id}`).send(planToJson(plan));
    });
  app.get('/commission-plans/:id',
    { config: { access: PLAN_READ_ROLES }, schema: { tags, summary: 'Get a comp plan', params: idParams, response: { 200: planJsonSchema } } },
    async (request) => planToJson(await getPlan(request.ctx, request.params.id)));
  app.patch('/commission-plans/:id',
    { config: { access: PLAN_WRITE_ROLES }, schema: { tags, summary: 'Change a comp plan (applies to bookings from now on)', params: idParams, body: updatePlanSchema, response: { 200: planJsonSchema } } },
    async (request) => planToJson(await updatePlan(request.ctx, request.params.id, request.body)));
  app.delete('/commission-plans/:id',
    { config: { access: PLAN_WRITE_ROLES }, schema: { tags, summary: 'Delete a comp plan nothing was paid under', params: idParams } },
    async (request, reply) => {
      await deletePlan(request.ctx, request.params.id);
      return reply.status(204).send();
    });
  app.get('/commissions/statements',
    { config: { access: STATEMENT_ROLES }, schema: { tags, summary: 'A rep’s commission statement for a month (reps: their own only)', querystring: statementQuerySchema, response: { 200: statementJsonSchema } } },
    async (request) => statementToJson(await getStatement(request.ctx, request.query)));
};

